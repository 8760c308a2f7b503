# Varnish in front of the site (Varnish 7.1). What it keeps and for how long is the site's
# decision: only responses carrying `Cache-Control: s-maxage` (anonymous public pages, which
# the site caps at the next scheduled publication) and static files. Every content change
# sends a BAN (pagecache/varnish.py), which drops every page kept. See docs/scaling.md.
#
# Start with two named listen addresses, the purge one not reachable from outside:
#   varnishd -a http=:80 -a purge=:6091 -f default.vcl -p http_gzip_support=off
# (http_gzip_support off lets brotli through for static files; with it on, Varnish turns every
# Accept-Encoding into gzip, which still works.)
vcl 4.1;

backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Who may send BAN and PURGE, on the `purge` listen address only: this machine and the
# private networks containers live on.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "BAN" || req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        # Every page kept for the site's content; the lurker drops them in the background.
        ban("obj.http.X-Purge-Scope == content");
        return (synth(200, "Banned"));
    }
    if (local.socket == "purge") {
        return (synth(404, "Not found"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never shared: the admin, the portal (previews included), the language switch, the
    # health check, uploads, review links.
    if (req.url ~ "^/(admin/|portal/|en/portal/|i18n/|healthz|media/)" || req.url ~ "/review/") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Signed in, a CSRF token in hand, or messages waiting: the page is for this reader.
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|csrftoken|messages)=") {
        return (pass);
    }

    # Language: every address outside /en/ is Thai (LocaleMiddleware with unprefixed Thai;
    # the API, sitemaps and robots.txt too), so neither the language cookie nor
    # Accept-Language changes a page. Dropped: one copy per address, whatever the site's
    # `Vary: Accept-Language` says. (The admin, which follows them, is passed above.)
    unset req.http.Accept-Language;
    # Nor does any other cookie a reader without a session may carry.
    unset req.http.Cookie;

    # One of three encodings per address: brotli and gzip (static files have both; Django
    # sends pages gzipped), gzip, or none.
    if (req.http.Accept-Encoding ~ "\bbr\b" && req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "br, gzip";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    # Pages write their own absolute address (canonical links, feeds): http and https differ.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie) {
        # Never kept. Remembered for a moment as "fetch, don't wait" so readers of this
        # address do not queue behind each other.
        set beresp.uncacheable = true;
        set beresp.ttl = 5s;
        return (deliver);
    }
    if (bereq.url ~ "^/static/" && beresp.status == 200) {
        # Static files: as long as their own max-age says (hashed names: immutable).
        return (deliver);
    }
    if (beresp.status != 200 || beresp.http.Cache-Control !~ "s-maxage=[1-9]") {
        # The site did not say a shared cache may keep it.
        set beresp.uncacheable = true;
        set beresp.ttl = 5s;
        return (deliver);
    }
    # Kept for s-maxage (Varnish reads it), never past it: no grace, or a page would outlive
    # the next scheduled publication.
    set beresp.grace = 0s;
    set beresp.keep = 0s;
    set beresp.http.X-Purge-Scope = "content";
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.X-Purge-Scope;
    # s-maxage is for this Varnish only, which is purged: a cache further out is not.
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = regsuball(resp.http.Cache-Control, "\s*,?\s*s-maxage=\d+", "");
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, "^\s*,\s*", "");
        if (resp.http.Cache-Control == "") {
            unset resp.http.Cache-Control;
        }
    }
}
