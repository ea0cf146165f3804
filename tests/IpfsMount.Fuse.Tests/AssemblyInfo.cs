// These tests mount with FUSE: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
