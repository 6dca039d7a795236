FROM scratch
ENV a=xxxxxxxxxxxxxxxx
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
ENV a=$a$a$a$a$a$a$a$a b=$a$a$a$a$a$a$a$a c=$a$a$a$a$a$a$a$a
