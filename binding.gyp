{
  "targets": [
    {
      "target_name": "region_scan",
      "sources": ["native/region_scan.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
