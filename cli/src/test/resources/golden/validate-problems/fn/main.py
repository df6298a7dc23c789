def handle(e, c): return 1
