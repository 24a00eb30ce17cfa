"""The HTTPS face: the PortalRB API (``app.create_app``) on uvicorn (``run.serve``), thin over the store."""
