FROM scratch
RUN a \
# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

# c

 b
