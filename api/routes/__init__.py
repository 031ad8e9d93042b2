"""HTTP routes, one module per resource; api.app mounts the routers listed in ROUTERS."""
