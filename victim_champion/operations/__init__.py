"""One entry point per thing a person does; Qt-free, called by both cli/ and ui/.

Operations use store/, documents/, content/ and sync/; the command line and the UI
reach those only through here, so nothing is written twice.
"""
