// TabFormat: tabwriter's recursive column-block layout over the buffered lines.
#include "bake/internal/tab_writer.hpp"

#include <vector>

namespace manifold::bake::internal {
namespace {

constexpr std::size_t kMinWidth = 1;
constexpr std::size_t kTabWidth = 8;
constexpr std::size_t kPadding = 1;

struct Cell {
  std::string text;
  std::size_t width = 0;  // code points
};
using Line = std::vector<Cell>;

std::size_t RuneCount(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

class Formatter {
 public:
  explicit Formatter(std::vector<Line> lines) : lines_(std::move(lines)) {}

  std::string Run() {
    Format(0, lines_.size());
    return std::move(out_);
  }

 private:
  void Padding(std::size_t text_width, std::size_t cell_width) {
    cell_width = (cell_width + kTabWidth - 1) / kTabWidth * kTabWidth;
    std::size_t n = cell_width - text_width;
    out_.append((n + kTabWidth - 1) / kTabWidth, '\t');
  }

  void WriteLines(std::size_t line0, std::size_t line1) {
    for (std::size_t i = line0; i < line1; ++i) {
      const Line& line = lines_[i];
      for (std::size_t j = 0; j < line.size(); ++j) {
        out_ += line[j].text;
        if (j < widths_.size()) Padding(line[j].width, widths_[j]);
      }
      if (i + 1 < lines_.size()) out_ += '\n';
    }
  }

  void Format(std::size_t line0, std::size_t line1) {
    std::size_t column = widths_.size();
    for (std::size_t row = line0; row < line1; ++row) {
      if (column + 1 >= lines_[row].size()) continue;
      // This line has a cell in `column`: the lines before it are done, a block starts here.
      WriteLines(line0, row);
      line0 = row;
      std::size_t width = kMinWidth;
      for (; row < line1 && column + 1 < lines_[row].size(); ++row) {
        width = std::max(width, lines_[row][column].width + kPadding);
      }
      widths_.push_back(width);
      Format(line0, row);
      widths_.pop_back();
      line0 = row;
      if (row == line1) break;
    }
    WriteLines(line0, line1);
  }

  std::vector<Line> lines_;
  std::vector<std::size_t> widths_;
  std::string out_;
};

}  // namespace

std::string TabFormat(std::string_view text) {
  std::vector<Line> lines(1);
  Cell cell;
  for (char c : text) {
    if (c == '\t' || c == '\n') {
      cell.width = RuneCount(cell.text);
      lines.back().push_back(std::move(cell));
      cell = Cell{};
      if (c == '\n') lines.emplace_back();
    } else {
      cell.text += c;
    }
  }
  cell.width = RuneCount(cell.text);
  lines.back().push_back(std::move(cell));
  return Formatter(std::move(lines)).Run();
}

}  // namespace manifold::bake::internal
