#!/bin/sh
# Varnish in the stack: varnishd in the foreground with the arguments given, and a watch on
# the backend's address. Varnish looks `web` up once, when it compiles the VCL; a web container
# that restarts may come back at another address (Podman gives it a new one), and every page
# would then be a 503. So the address is looked up every two seconds and the VCL reloaded
# when it changes.
set -eu
vcl=/etc/varnish/default.vcl
backend=${VARNISH_BACKEND_HOST:-web}

varnishd -F -f "$vcl" "$@" &
varnishd_pid=$!
trap 'kill -TERM "$varnishd_pid" 2> /dev/null; wait "$varnishd_pid"; exit 0' TERM INT

address() { getent hosts "$backend" | awk '{ print $1; exit }'; }

known=$(address || true)
generation=0
while kill -0 "$varnishd_pid" 2> /dev/null; do
    sleep 2 &
    wait $!
    current=$(address || true)
    if [ -z "$current" ] || [ "$current" = "$known" ]; then
        continue
    fi
    name="reload$((generation + 1))"
    if varnishadm vcl.load "$name" "$vcl" > /dev/null && varnishadm vcl.use "$name" > /dev/null; then
        echo "varnish: $backend is now at $current; VCL reloaded as $name"
        [ "$generation" -gt 0 ] && varnishadm vcl.discard "reload$generation" > /dev/null || true
        generation=$((generation + 1))
        known=$current
    fi
done
wait "$varnishd_pid"
