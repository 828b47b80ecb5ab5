"""Compass House's content desk (issue 34): the directory's services and routes as rows on
the hub, each route with its state, who confirmed it and when; the audit log of every change;
the signed directory edition built from them; stale facts; the first edition imported from
the research (KENT-SERVICES.md)."""
