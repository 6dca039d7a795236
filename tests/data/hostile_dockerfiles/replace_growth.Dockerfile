FROM scratch
ENV a=xxxxxxxxxxxxxxxx
ENV a=${a//?/$a}
ENV a=${a//?/$a}
ENV a=${a//?/$a}
ENV a=${a//?/$a}
ENV a=${a//?/$a}
ENV a=${a//?/$a}
