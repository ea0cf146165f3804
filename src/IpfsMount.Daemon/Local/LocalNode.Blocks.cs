// `block get|put|stat|rm` on the repository's block store (every read is hash-checked by the store).
using System.Runtime.CompilerServices;
using IpfsMount.Core;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    /// <summary>Largest block `block put` accepts (Kubo's limit is 1 MiB for the network; we allow 4 MiB locally).</summary>
    public const int MaxBlockSize = 4 * 1024 * 1024;

    public async Task<Stream> BlockGetAsync(string cid, CancellationToken ct = default)
    {
        var data = await Blocks.GetAsync(IpfsPath.ParseCid(cid), ct);
        return new MemoryStream(data.ToArray(), writable: false);
    }

    public async Task<BlockStatInfo> BlockPutAsync(Stream data, BlockPutRequest request, CancellationToken ct = default)
    {
        var codec = ImportSettings.CodecCode(request.Codec);
        var hash = ImportSettings.HashCode(request.Hash);
        if (request.CidVersion is not (0 or 1)) throw new ArgumentException($"--cid-version must be 0 or 1, not {request.CidVersion}");
        if (request.CidVersion == 0 && (codec != Multicodec.DagPb || hash != Multicodec.Sha2_256))
            throw new ArgumentException("CIDv0 is only for dag-pb blocks hashed with sha2-256; use --cid-version 1");
        var bytes = await ReadLimitedAsync(data, MaxBlockSize, ct);
        if (codec == Multicodec.DagPb) DagPb.Decode(bytes); // refuse bytes that are not dag-pb (InvalidBlockException)
        if (codec == Multicodec.DagCbor) DagCbor.Decode(bytes);
        var cid = Cid.Compute(bytes, codec, request.CidVersion, hash);
        using (await Repo.GcLock.EnterSharedAsync(ct))
        {
            await Repo.Blocks.PutAsync(cid, bytes, ct);
            if (request.Pin) await Repo.Pins.AddAsync(cid, recursive: true, ct: ct);
        }
        return new BlockStatInfo(cid.ToString(), (ulong)bytes.Length);
    }

    public async Task<BlockStatInfo> BlockStatAsync(string cid, CancellationToken ct = default)
    {
        var parsed = IpfsPath.ParseCid(cid);
        var data = await Blocks.GetAsync(parsed, ct);
        return new BlockStatInfo(parsed.ToString(), (ulong)data.Length);
    }

    public async IAsyncEnumerable<string> BlockRmAsync(IReadOnlyList<string> cids, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var text in cids)
        {
            var cid = IpfsPath.ParseCid(text);
            if (!await Repo.Blocks.HasAsync(cid, ct)) throw new BlockNotFoundException(cid);
            if (await Repo.Pins.IsPinnedAsync(cid, ct) is { } pin)
                throw new ArgumentException($"cannot remove {cid}: pinned ({pin.Describe()})");
            await Repo.Blocks.DeleteAsync(cid, ct);
            yield return cid.ToString();
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream data, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = await data.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > limit) throw new ArgumentException($"block is larger than {limit} bytes");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
