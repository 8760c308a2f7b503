def client_username(request, credentials):
    """The username django-axes records, cut to fit its column and free of NUL characters.

    django-axes stores what was typed in a 255-character column; a longer name (or a NUL,
    which PostgreSQL refuses) would turn a failed sign-in into a server error.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    if not isinstance(username, str):
        return username
    return username.replace("\x00", "")[:150]
