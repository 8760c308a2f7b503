"""Reading a Facebook Page's "Download your information" export (JSON format).

The export is a ZIP, or the folder it unpacks to. Its posts files have moved over the years
(`posts/your_posts_1.json`, `…/profile_posts_1.json`, `…_N.json` under the activity folders),
so they are found by name anywhere in it. Each post is read one at a time with a streaming
JSON parser (ijson): memory does not grow with the archive.

Facebook writes UTF-8 text as one `\\u00XX` escape per byte, so Thai arrives as "à¸£à¹à¸­…";
`repair_text` undoes that. Only what a post needs is kept (`Post`); unknown fields are ignored.

The archive is never unpacked: members are read in memory, after refusing what a hostile
archive might hold (absolute or `..` member names, symlinks, members far larger than a
photo or a posts file, a suspicious compression ratio). Nothing is written to disk here.
"""

import io
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import ijson
from django.utils.translation import gettext as _

POSTS_FILE_NAME = re.compile(r"^(your_posts|profile_posts)[\w-]*\.json$", re.IGNORECASE)
# Where the exports of the past years put their posts files (shown when none is found).
KNOWN_POSTS_FOLDERS = (
    "posts/",
    "your_activity_across_facebook/posts/",
    "this_profile's_activity_across_facebook/posts/",
    "your_facebook_activity/posts/",
)
MAX_POSTS_FILE_BYTES = 2 * 1024**3
# The longest run of a posts file between two double quotes: a string the parser would hold in
# memory whole. A post of MAX_POST_CHARS Thai characters is ~1.1 MB as Facebook escapes it.
MAX_STRING_BYTES = 8 * 1024**2
# A post's text is at most this many characters; a longer one is reported and skipped.
MAX_POST_CHARS = 60_000
# A compressed member may expand at most this much (text compresses ~10×, photos ~1×).
MAX_COMPRESSION_RATIO = 200
MAX_MEMBERS = 500_000


class ArchiveError(Exception):
    """The archive cannot be read at all (not a ZIP, hostile, no posts file)."""


class PostError(Exception):
    """One post (or one of its photos) cannot be imported; the others can."""


@dataclass
class Photo:
    uri: str
    description: str = ""
    creation_timestamp: int | None = None


@dataclass
class Post:
    """What the import reads of one post; `where` names it in reports."""

    timestamp: int
    text: str
    where: str
    photos: list = field(default_factory=list)
    links: list = field(default_factory=list)
    url: str = ""


def repair_text(value):
    """`value` with Facebook's byte-per-escape UTF-8 decoded, where that round-trips.

    Text that is not such mojibake (plain ASCII, or real Latin-1 letters) is returned as is.
    """
    if not value or value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _text(value):
    return repair_text(value) if isinstance(value, str) else ""


def parse_post(raw, where):
    """A `Post` from one decoded JSON item; PostError if it is not a usable post."""
    if not isinstance(raw, dict):
        raise PostError(_("%(where)s: not a post.") % {"where": where})
    timestamp = raw.get("timestamp")
    if isinstance(timestamp, bool) or not isinstance(timestamp, int | float) or timestamp <= 0:
        raise PostError(_("%(where)s: the post has no valid timestamp.") % {"where": where})
    texts, url = [], _text(raw.get("url"))
    for item in raw.get("data") or []:
        if isinstance(item, dict) and isinstance(item.get("post"), str):
            texts.append(item["post"])
    text = repair_text("\n\n".join(texts))
    if len(text) > MAX_POST_CHARS:
        raise PostError(
            _("%(where)s: the text is too long (%(length)s characters; the limit is %(limit)s).")
            % {"where": where, "length": len(text), "limit": MAX_POST_CHARS}
        )
    post = Post(timestamp=int(timestamp), text=text, where=where, url=url)
    for attachment in raw.get("attachments") or []:
        items = attachment.get("data") if isinstance(attachment, dict) else None
        for item in items or []:
            if not isinstance(item, dict):
                continue
            media = item.get("media")
            if isinstance(media, dict) and isinstance(media.get("uri"), str):
                created = media.get("creation_timestamp")
                post.photos.append(
                    Photo(
                        uri=repair_text(media["uri"]),
                        description=_text(media.get("description"))[:MAX_POST_CHARS],
                        creation_timestamp=created if isinstance(created, int) else None,
                    )
                )
            context = item.get("external_context")
            if isinstance(context, dict) and isinstance(context.get("url"), str):
                post.links.append(repair_text(context["url"]))
    return post


class StringTooLong(Exception):
    pass


class _CountingReader(io.RawIOBase):
    """A file object that counts the bytes read through it (for the progress bar), and stops
    before the parser would build a string longer than MAX_STRING_BYTES (a hostile 100 MB
    text field). Escaped quotes count as quotes: runs are only ever measured shorter."""

    def __init__(self, handle, on_read):
        self.handle, self.on_read = handle, on_read
        self.run = 0  # bytes since the last quote

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.handle.read(len(buffer))
        parts = data.split(b'"')
        longest = self.run + len(parts[0])
        if len(parts) > 1:
            longest = max(longest, *map(len, parts[1:-1])) if len(parts) > 2 else longest
            self.run = len(parts[-1])
        else:
            self.run = longest
        if longest > MAX_STRING_BYTES:
            raise StringTooLong
        buffer[: len(data)] = data
        self.on_read(len(data))
        return len(data)


def _safe_member_name(name):
    """`name` as a relative POSIX path inside the archive, or ArchiveError."""
    cleaned = name.replace("\\", "/")
    path = PurePosixPath(cleaned)
    if cleaned.startswith("/") or re.match(r"^[A-Za-z]:", cleaned) or ".." in path.parts:
        raise ArchiveError(
            _("The archive holds a file with an unsafe name (%(name)s) and was refused.")
            % {"name": name[:200]}
        )
    return posixpath.normpath(cleaned)


class FacebookArchive:
    """An export opened for reading: `posts()` streams its posts, `read_photo()` reads one.

    Use as a context manager. `ArchiveError` when the archive as a whole is unusable.
    """

    def __init__(self, path, *, max_photo_bytes):
        self.path = Path(path)
        self.max_photo_bytes = max_photo_bytes
        self.bytes_read = 0
        self.zip = None
        if self.path.is_dir():
            self.names = self._folder_names()
        elif self.path.is_file():
            self.names = self._zip_names()
        else:
            raise ArchiveError(_("%(path)s does not exist.") % {"path": path})
        self.posts_files = sorted(
            (name for name in self.names if POSTS_FILE_NAME.match(posixpath.basename(name))),
            key=_natural_key,
        )
        if not self.posts_files:
            raise ArchiveError(
                _(
                    "No posts file was found. Looked for your_posts*.json and "
                    "profile_posts*.json everywhere in the archive, among them in %(folders)s. "
                    "Is this the JSON export of a Facebook Page?"
                )
                % {"folders": ", ".join(KNOWN_POSTS_FOLDERS)}
            )
        self.total_bytes = sum(self.names[name] for name in self.posts_files)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.zip is not None:
            self.zip.close()

    def _zip_names(self):
        try:
            self.zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as error:
            raise ArchiveError(
                _("This file is not a ZIP archive or folder of a Facebook export.")
            ) from error
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(_("The archive holds too many files."))
        names, self._zip_members = {}, {}
        for info in infos:
            name = _safe_member_name(info.filename)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ArchiveError(
                    _("The archive holds a symbolic link (%(name)s) and was refused.")
                    % {"name": info.filename[:200]}
                )
            if info.is_dir():
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_POSTS_FILE_BYTES or (
                info.file_size > 1024**2 and ratio > MAX_COMPRESSION_RATIO
            ):
                raise ArchiveError(
                    _(
                        "The archive holds a file that expands far beyond its size "
                        "(%(name)s): it may be a zip bomb, and was refused."
                    )
                    % {"name": info.filename[:200]}
                )
            names[name] = info.file_size
            self._zip_members[name] = info
        return names

    def _folder_names(self):
        root = self.path.resolve()
        names = {}
        for path in root.rglob("*"):
            if path.is_symlink():
                continue  # never followed: it could point anywhere on the machine
            if path.is_file():
                names[path.relative_to(root).as_posix()] = path.stat().st_size
        self.root = root
        return names

    def _open(self, name):
        if self.zip is not None:
            return self.zip.open(self._zip_members[name])
        path = self.root / name
        if path.is_symlink() or not path.resolve().is_relative_to(self.root):
            raise KeyError(name)
        return path.open("rb")

    def posts(self):
        """Each post of every posts file, oldest file first, or the PostError of one that
        cannot be read. A file whose JSON breaks off ends there, with one error."""
        for name in self.posts_files:
            yield from self._posts_of(name)

    def _posts_of(self, name):
        def counted(size):
            self.bytes_read += size

        with self._open(name) as handle:
            reader = io.BufferedReader(_CountingReader(handle, counted), 256 * 1024)
            prefix = _items_prefix(reader)
            number = 0
            try:
                for number, raw in enumerate(ijson.items(reader, prefix, use_float=True), 1):
                    where = f"{name} #{number}"
                    try:
                        yield parse_post(raw, where)
                    except PostError as error:
                        yield error
            except StringTooLong:
                yield PostError(
                    _(
                        "%(name)s: after post %(number)s the file holds a text of more than "
                        "%(limit)s MB, far longer than any post; the rest of the file is skipped."
                    )
                    % {"name": name, "number": number, "limit": MAX_STRING_BYTES // 1024**2}
                )
            except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as error:
                yield PostError(
                    _("%(name)s: the file's JSON is broken after post %(number)s (%(error)s).")
                    % {"name": name, "number": number, "error": str(error)[:200]}
                )

    def read_photo(self, uri):
        """The bytes of the photo at `uri` (relative to the archive's root), or PostError."""
        try:
            name = _safe_member_name(uri)
        except ArchiveError as error:
            raise PostError(str(error)) from error
        for candidate in (name, *self._nested(name)):
            size = self.names.get(candidate)
            if size is None:
                continue
            if size > self.max_photo_bytes:
                raise PostError(
                    _("%(uri)s is too large for a photo (%(size)s MB).")
                    % {"uri": uri, "size": round(size / 1024**2, 1)}
                )
            try:
                with self._open(candidate) as handle:
                    return handle.read(self.max_photo_bytes)
            except (KeyError, OSError, zipfile.BadZipFile) as error:
                raise PostError(_("%(uri)s cannot be read.") % {"uri": uri}) from error
        raise PostError(_("%(uri)s is missing from the archive.") % {"uri": uri})

    def _nested(self, name):
        """`name` under the one top folder some exports put everything in (uris omit it)."""
        if not hasattr(self, "_top_folders"):
            self._top_folders = sorted({n.split("/", 1)[0] for n in self.names if "/" in n})
        return [f"{top}/{name}" for top in self._top_folders]


def _natural_key(name):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _items_prefix(reader):
    """The ijson prefix of the posts: the top-level array, or the array an object holds."""
    start = reader.peek(64).lstrip()[:1]
    if start != b"{":
        return "item"
    head = reader.peek(4096)
    match = re.match(rb'\s*\{\s*"([^"\\]{1,100})"\s*:\s*\[', head)
    return f"{match.group(1).decode()}.item" if match else "item"
