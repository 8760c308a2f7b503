"""Uploads on S3-compatible object storage, configured from the environment.

With `WECITIZENS_MEDIA_S3_BUCKET` set, uploads and their renditions are written to that bucket
through django-storages instead of MEDIA_ROOT, and readers fetch them from the bucket (or the
CDN or domain in front of it), not from Django. Credentials are not settings: boto3 finds them
itself (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role).
"""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_media(environ):
    """`{"storage": STORAGES["default"], "media_url": MEDIA_URL}` for `environ`, or None."""
    bucket = environ.get("WECITIZENS_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return None
    endpoint = environ.get("WECITIZENS_MEDIA_S3_ENDPOINT_URL", "").strip().rstrip("/")
    domain = environ.get("WECITIZENS_MEDIA_S3_CUSTOM_DOMAIN", "").strip().strip("/")
    prefix = environ.get("WECITIZENS_MEDIA_S3_PREFIX", "").strip().strip("/")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,  # MinIO, Ceph, R2, Spaces…; none for AWS itself
        "region_name": environ.get("WECITIZENS_MEDIA_S3_REGION", "").strip() or None,
        "custom_domain": domain or None,  # a CDN or domain serving the bucket
        "location": prefix,
        # Media are public: plain URLs that browsers and CDNs can cache, no expiring signature.
        "querystring_auth": False,
        # An upload never replaces another object of the same name (uploads get random names).
        "file_overwrite": False,
        # No per-object ACL: the bucket's policy makes objects readable (many stores refuse ACLs).
        "default_acl": None,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    if domain:
        base = f"https://{domain}/"
    elif endpoint:
        base = f"{endpoint}/{bucket}/"  # path-style, as django-storages builds it there
    else:
        base = f"https://{bucket}.s3.amazonaws.com/"
    media_url = base + (f"{prefix}/" if prefix else "")
    return {"storage": {"BACKEND": S3_BACKEND, "OPTIONS": options}, "media_url": media_url}


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
