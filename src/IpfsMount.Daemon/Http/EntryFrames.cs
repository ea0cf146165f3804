// The byte framing of a file tree on the HTTP API (upload for `add`, download for `get`): a sequence of
// entries — kind byte, varint path length, UTF-8 path, then kind-specific fields — ending with kind 0.
namespace IpfsMount.Daemon.Http;

public enum EntryKind : byte
{
    End = 0,
    Directory = 1,
    File = 2,
    Symlink = 3,
}

/// <summary>One framed entry. Mode (permission bits) and MtimeTicks (UTC DateTime ticks) are null when not sent;
/// Content is set for files only.</summary>
public sealed record EntryFrame(EntryKind Kind, string Path, uint? Mode, long? MtimeTicks, string? Target, Stream? Content);
