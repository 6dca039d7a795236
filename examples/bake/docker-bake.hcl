# Three images for two platforms in one command: `manifold bake --push` (or `docker buildx bake`).
# The `migrate` target comes from compose.yaml, which bake reads beside this file.

variable "REGISTRY" {
  default = "localhost:5000"
}

variable "TAG" {
  default = "dev"
}

# Overridden from the environment by name: BASE_IMAGE=registry.example/busybox:1.36 manifold bake
variable "BASE_IMAGE" {
  default = "busybox:stable"
}

function "image" {
  params = [name]
  result = "${REGISTRY}/${name}:${TAG}"
}

group "default" {
  targets = ["app", "worker", "migrate"]
}

# Settings every image shares; a target whose name starts with _ is only inherited.
target "_common" {
  platforms = ["linux/amd64", "linux/arm64"]
  args = {
    BASE_IMAGE = BASE_IMAGE
  }
  labels = {
    "org.opencontainers.image.source" = "https://example.invalid/shop"
  }
}

target "app" {
  inherits = ["_common"]
  target   = "app"
  tags     = [image("app")]
}

target "worker" {
  inherits = ["_common"]
  target   = "worker"
  tags     = [image("worker")]
}

# The Compose service gets the shared settings too (a target of the same name merges into it).
target "migrate" {
  inherits = ["_common"]
}
