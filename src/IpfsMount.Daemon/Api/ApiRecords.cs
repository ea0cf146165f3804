// The request and result records of INodeApi. They are the API's wire schema (JSON on the HTTP API), kept in
// one file on purpose so the whole schema reads at a glance.
namespace IpfsMount.Daemon.Api;

/// <summary>Options of `add`, as Kubo's flags; null means "the profile's default".</summary>
public sealed record AddRequest
{
    public int? CidVersion { get; init; }
    public bool? RawLeaves { get; init; }
    public string? Hash { get; init; }
    public string? Chunker { get; init; }
    public bool Trickle { get; init; }
    public string? Profile { get; init; }
    public bool Wrap { get; init; }
    public bool Hidden { get; init; }
    public bool PreserveMode { get; init; }
    public bool PreserveMtime { get; init; }
    public bool Pin { get; init; } = true;
    public bool OnlyHash { get; init; }
    public bool Progress { get; init; }
}

/// <summary>One `add` input: a local path (file, directory, symlink) or a stream (stdin).</summary>
public sealed record AddInput(string? LocalPath, Stream? Content, string? Name = null)
{
    public static AddInput FromPath(string path) => new(path, null);
    public static AddInput FromStream(Stream content, string? name = null) => new(null, content, name);
}

/// <summary>Kind "added": an entry was imported. Kind "progress": Bytes of Name were read so far.</summary>
public sealed record AddEvent(string Kind, string Name, string? Cid, ulong Size, long Bytes)
{
    public const string Added = "added";
    public const string ProgressKind = "progress";
    public static AddEvent Entry(string name, string cid, ulong size) => new(Added, name, cid, size, 0);
    public static AddEvent Progress(string name, long bytes) => new(ProgressKind, name, null, 0, bytes);
}

/// <summary>A directory entry as `ipfs ls` shows it; Type is "file", "directory", "symlink" or "raw".</summary>
public sealed record LsEntry(string Cid, ulong Size, string Name, string Type);

public sealed record PinEntry(string Cid, string Type);

public sealed record PinVerifyResult(string Cid, bool Ok, string? Problem);

/// <summary>`ipfs repo stat` fields.</summary>
public sealed record RepoStatInfo(ulong NumObjects, ulong RepoSize, ulong StorageMax, string RepoPath, string Version);

/// <summary>Kind "corrupt" names a bad block; Kind "done" ends the run with the number of blocks checked.</summary>
public sealed record RepoVerifyEvent(string Kind, string? Cid, string? Problem, ulong Checked);

public sealed record BlockPutRequest(string Codec = "raw", string Hash = "sha2-256", int CidVersion = 1, bool Pin = false);

public sealed record BlockStatInfo(string Key, ulong Size);

public sealed record DagImportResult(string Cid, bool Pinned, string? Error, ulong Blocks);

/// <summary>A key as `ipfs key list -l` shows it: Id is the libp2p-key CID in base36 (k51…).</summary>
public sealed record KeyInfo(string Name, string Id);

public sealed record IdInfo(string Id, string PublicKey, IReadOnlyList<string> Addresses, string AgentVersion, IReadOnlyList<string> Protocols);

public sealed record VersionInfo(string Version, string Commit, string Repo, string System, string Runtime);

/// <summary>Block layout of the MFS files an operation writes: a profile (kubo-v0, kubo-v1, …) and Kubo's overrides.</summary>
public sealed record MfsLayoutRequest(string? Profile = null, int? CidVersion = null, bool? RawLeaves = null, string? Hash = null);

/// <summary>`files write`: Message is the version's message (null: a default naming the verb).</summary>
public sealed record MfsWriteRequest(string Path, bool Create, bool Parents, bool Truncate, long Offset, long? Count,
    MfsLayoutRequest? Layout = null, string? Message = null);

/// <summary>One `files ls` entry; Type is "file", "directory" or "symlink".</summary>
public sealed record MfsEntryInfo(string Name, string Type, string Cid, long Size);

/// <summary>`files stat`; MtimeSeconds is null when the node has no mtime.</summary>
public sealed record MfsStatInfo(string Path, string Type, string Cid, long Size, ulong CumulativeSize, int Blocks,
    uint? Mode, long? MtimeSeconds, uint MtimeNanoseconds);

public sealed record MfsSnapshotInfo(string Path, string Cid, long Version, bool Pinned);

/// <summary>One version of the MFS history.</summary>
public sealed record MfsVersionInfo(long Number, DateTimeOffset Time, string Root, string? Message);

/// <summary>A version where a path's CID changed; Cid is null when the path did not exist then.</summary>
public sealed record MfsPathVersionInfo(long Number, DateTimeOffset Time, string? Cid);

/// <summary>One `diff` line: Kind is "A" (added), "D" (removed) or "M" (modified).</summary>
public sealed record MfsChangeInfo(string Kind, string Path);
