// The MFS root and its append-only version log in the `mfs` column family (DESIGN.md, "mfs"): "root" → current root CID;
// "v"+u64be(version) → version record. A commit writes both in one synced WriteBatch. All kept roots are GC roots.
namespace IpfsMount.Storage;

using System.Buffers.Binary;
using System.Text;
using IpfsMount.Core;
using RocksDbSharp;

public sealed class MfsRootStore
{
    private static readonly byte[] RootKey = "root"u8.ToArray();
    private const byte VersionPrefix = (byte)'v';

    private readonly RepoDatabase _db;
    private readonly Lock _gate = new();

    internal MfsRootStore(RepoDatabase db)
    {
        _db = db;
    }

    /// <summary>The current (possibly uncommitted) MFS root, or null before the first write.</summary>
    public Cid? CurrentRoot
    {
        get
        {
            var value = _db.Db.Get(RootKey, _db.Mfs);
            return value is null ? null : Cid.FromBytes(value);
        }
    }

    /// <summary>Moves the current root without a new version (working state between commits); durable.</summary>
    public void SetCurrentRoot(Cid root) => _db.PutSynced(RootKey, root.ToBytes(), _db.Mfs);

    /// <summary>Appends version N+1 with <paramref name="root"/> and makes it the current root, atomically.</summary>
    public MfsVersion Commit(Cid root, string message, DateTimeOffset? time = null) => Commit(root, message, time, durable: true);

    /// <summary>
    /// Like <see cref="Commit(Cid, string, DateTimeOffset?)"/>; with <paramref name="durable"/> false the batch goes
    /// through the WAL without an fsync (unlogged blocks are still made durable first): a process crash keeps it, a
    /// power loss may drop a tail of such versions, never part of one, and the next durable write (commit, pin,
    /// <see cref="SetCurrentRoot"/>) makes every earlier one durable too.
    /// </summary>
    public MfsVersion Commit(Cid root, string message, DateTimeOffset? time, bool durable)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var next = (Latest?.Version ?? 0) + 1;
            var version = new MfsVersion(next, root, (time ?? DateTimeOffset.UtcNow).ToUniversalTime(), message);
            using var batch = new WriteBatch();
            batch.Put(VersionKey(next), EncodeVersion(version), _db.Mfs);
            batch.Put(RootKey, root.ToBytes(), _db.Mfs);
            if (durable)
            {
                _db.WriteSynced(batch);
            }
            else
            {
                _db.MakeBlocksDurable();
                _db.Db.Write(batch, _db.WriteOptions);
            }

            return version;
        }
    }

    /// <summary>The newest version, or null when nothing was committed.</summary>
    public MfsVersion? Latest
    {
        get
        {
            using var it = _db.Db.NewIterator(_db.Mfs);
            it.SeekForPrev(VersionKey(long.MaxValue));
            return it.Valid() && IsVersionKey(it.Key()) ? DecodeVersion(it.Key(), it.Value()) : null;
        }
    }

    public MfsVersion? Get(long version)
    {
        var value = _db.Db.Get(VersionKey(version), _db.Mfs);
        return value is null ? null : DecodeVersion(VersionKey(version), value);
    }

    /// <summary>Versions oldest first (newestFirst reverses), optionally at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<MfsVersion> List(bool newestFirst = false, int? limit = null)
    {
        var result = new List<MfsVersion>();
        using var it = _db.Db.NewIterator(_db.Mfs);
        if (newestFirst)
        {
            for (it.SeekForPrev(VersionKey(long.MaxValue)); it.Valid() && IsVersionKey(it.Key()); it.Prev())
            {
                result.Add(DecodeVersion(it.Key(), it.Value()));
                if (result.Count == limit)
                {
                    break;
                }
            }
        }
        else
        {
            for (it.Seek(VersionKey(0)); it.Valid() && IsVersionKey(it.Key()); it.Next())
            {
                result.Add(DecodeVersion(it.Key(), it.Value()));
                if (result.Count == limit)
                {
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Drops versions older than <paramref name="keepFromVersion"/> (history retention); the latest version is
    /// always kept, so numbering never restarts. Returns how many were dropped.</summary>
    public int Prune(long keepFromVersion) =>
        Remove(List().Where(v => v.Version < keepFromVersion).Select(v => v.Version).ToList());

    /// <summary>Drops the given versions (e.g. thinning old history to one per day) in one write; the latest version is
    /// always kept. Returns how many existed and were dropped; blocks only they referenced become garbage for GC.</summary>
    public int Remove(IReadOnlyCollection<long> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        lock (_gate)
        {
            var latest = Latest?.Version;
            using var batch = new WriteBatch();
            var count = 0;
            foreach (var v in versions.Distinct())
            {
                if (v != latest && _db.Db.Get(VersionKey(v), _db.Mfs) is not null)
                {
                    batch.Delete(VersionKey(v), _db.Mfs);
                    count++;
                }
            }

            _db.WriteSynced(batch);
            return count;
        }
    }

    /// <summary>Every root GC must keep: the current root and the root of every kept version.</summary>
    public IReadOnlyList<Cid> KeptRoots()
    {
        var roots = new List<Cid>();
        if (CurrentRoot is { } current)
        {
            roots.Add(current);
        }

        roots.AddRange(List().Select(v => v.Root));
        return roots;
    }

    private static byte[] VersionKey(long version)
    {
        var key = new byte[9];
        key[0] = VersionPrefix;
        BinaryPrimitives.WriteInt64BigEndian(key.AsSpan(1), version);
        return key;
    }

    private static bool IsVersionKey(byte[] key) => key.Length == 9 && key[0] == VersionPrefix;

    // value: varint(len) cid bytes, i64be unix milliseconds, UTF-8 message
    private static byte[] EncodeVersion(MfsVersion v)
    {
        var cid = v.Root.ToBytes();
        var message = Encoding.UTF8.GetBytes(v.Message);
        var value = new byte[Varint.Size((ulong)cid.Length) + cid.Length + 8 + message.Length];
        var n = Varint.Write(value, (ulong)cid.Length);
        cid.CopyTo(value.AsSpan(n));
        n += cid.Length;
        BinaryPrimitives.WriteInt64BigEndian(value.AsSpan(n), v.Time.ToUnixTimeMilliseconds());
        message.CopyTo(value.AsSpan(n + 8));
        return value;
    }

    private static MfsVersion DecodeVersion(byte[] key, byte[] value)
    {
        try
        {
            var version = BinaryPrimitives.ReadInt64BigEndian(key.AsSpan(1));
            var length = (int)Varint.Read(value, out var n);
            var cid = Cid.FromBytes(value.AsSpan(n, length));
            n += length;
            var time = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(value.AsSpan(n, 8)));
            var message = Encoding.UTF8.GetString(value.AsSpan(n + 8));
            return new MfsVersion(version, cid, time, message);
        }
        catch (Exception e) when (e is IpfsFormatException or ArgumentOutOfRangeException or ArgumentException)
        {
            throw new RepoException($"MFS version record {Convert.ToHexString(key)} cannot be decoded ({e.Message}); the mfs column family is damaged", e);
        }
    }
}
