#!/bin/sh
# Builds local stand-ins for the official base images the stack uses (python:3.11-slim,
# postgres:15, redis:7, varnish:7) from Debian bookworm's packages, for machines that cannot
# reach the public image registry but can reach a Debian mirror. Needs root, debootstrap and
# podman (or CONTAINER_ENGINE=docker). Images already built are kept; FORCE=1 rebuilds them.
#
#   sh docker/standins/build.sh
#   make stack-test STACK_IMAGES=standin
set -eu

engine=${CONTAINER_ENGINE:-podman}
prefix=${STANDIN_PREFIX:-localhost/wecitizens-standin}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
here=$(cd "$(dirname "$0")" && pwd)

has_image() {
    [ "${FORCE:-0}" != 1 ] && $engine image exists "$1" 2>/dev/null
}

if ! has_image "$prefix/debian:bookworm"; then
    root=$(mktemp -d)
    trap 'rm -rf "$root"' EXIT
    debootstrap --variant=minbase bookworm "$root" "$mirror"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -c . | $engine import - "$prefix/debian:bookworm"
fi

# The machine's certificate authorities, for machines whose registries sit behind an
# intercepting proxy; a machine without one copies the usual Debian bundle.
cp /etc/ssl/certs/ca-certificates.crt "$here/ca-certificates.crt"
trap 'rm -f "$here/ca-certificates.crt"' EXIT

for image in python:3.11-slim postgres:15 redis:7 varnish:7; do
    name=${image%%:*}
    if ! has_image "$prefix/$image"; then
        $engine build --build-arg "BASE=$prefix/debian:bookworm" \
            -t "$prefix/$image" -f "$here/$name.Containerfile" "$here"
    fi
done
echo "stand-ins: $prefix/{python:3.11-slim,postgres:15,redis:7,varnish:7}"
