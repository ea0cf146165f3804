// The bridge from raw FUSE requests to the VFS (go-fuse's bridge.go): one method per opcode, async replies.
using System.Runtime.CompilerServices;
using System.Text;
using IpfsMount.Core;
using IpfsMount.Fuse.Interop;
using IpfsMount.Vfs;

namespace IpfsMount.Fuse;

/// <summary>
/// Serves FUSE requests from a <see cref="VirtualFileSystem"/>. FUSE worker threads never wait for blocks:
/// <see cref="Run"/> starts the VFS call and, if it does not finish at once, replies later from the thread pool,
/// so a read stuck on a missing block cannot stall `ls` or reads of other files.
/// </summary>
internal sealed partial class FuseVfsAdapter(VirtualFileSystem vfs, FuseMountOptions options)
{
    private readonly CancellationTokenSource stopping = new();
    private readonly FuseErrorLog errors = new(options.ErrorLog ?? Console.Error);
    private long pending;

    public VirtualFileSystem Vfs => vfs;
    public FuseRequestCounters Requests { get; } = new();
    public FuseNegotiation? Negotiation { get; private set; }
    public long PendingRequests => Interlocked.Read(ref pending);

    /// <summary>Cancels in-flight requests (they reply EINTR) and waits until none is left.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        stopping.Cancel();
        var deadline = DateTime.UtcNow + timeout;
        while (PendingRequests > 0 && DateTime.UtcNow < deadline) await Task.Delay(10).ConfigureAwait(false);
    }

    public unsafe void Init(FuseConnInfo* conn)
    {
        conn->MaxWrite = (uint)options.MaxRequestBytes;
        // Ours, not min(offer, ours): the kernel offers the bdi default, and FuseMount has already raised the bdi.
        conn->MaxReadahead = (uint)options.MaxReadaheadBytes;
        conn->MaxBackground = 64;
        conn->CongestionThreshold = 48;
        var wanted = FuseCapability.AsyncRead | FuseCapability.ParallelDirops | FuseCapability.ReaddirPlus
            | FuseCapability.CacheSymlinks | FuseCapability.AtomicOTrunc;
        conn->Want |= conn->Capable & (uint)wanted;
        // Plain readdirplus for every listing: `ls -l` then needs no lookup round trip per entry.
        conn->Want &= ~(uint)FuseCapability.ReaddirPlusAuto;
        Negotiation = new FuseNegotiation(conn->ProtoMajor, conn->ProtoMinor, conn->MaxWrite, conn->MaxRead,
            conn->MaxReadahead, conn->Capable, conn->Want);
    }

    public void Lookup(nint req, ulong parent, string name) =>
        Run(req, async (r, ct) => FuseReplies.Entry(r, await vfs.LookupAsync(parent, name, ct).ConfigureAwait(false), vfs.Options));

    public void Forget(ulong inode, ulong count) => vfs.Forget(inode, count);

    public void GetAttr(nint req, ulong inode) =>
        Run(req, async (r, ct) => FuseReplies.Attr(r, await vfs.GetAttributesAsync(inode, ct).ConfigureAwait(false), vfs.Options));

    public void ReadLink(nint req, ulong inode) =>
        Run(req, async (r, ct) => LibFuse.ReplyReadlink(r, await vfs.ReadLinkAsync(inode, ct).ConfigureAwait(false)));

    /// <param name="info">a copy: libfuse's struct lives only until the callback returns.</param>
    public void Open(nint req, ulong inode, FuseFileInfo info)
    {
        var flags = OpenFlags(info.Flags);
        Run(req, async (r, ct) =>
        {
            info.Fh = await vfs.OpenAsync(inode, flags, ct).ConfigureAwait(false);
            if (vfs.KeepCache(info.Fh)) info.Bits |= FuseFileInfo.KeepCacheBit;
            FuseReplies.Open(r, info);
        });
    }

    public void Read(nint req, ulong handle, int size, long offset) =>
        Run(req, async (r, ct) =>
        {
            var buffer = BufferPool.Rent(size);
            try
            {
                var n = await vfs.ReadAsync(handle, offset, buffer.AsMemory(0, size), ct).ConfigureAwait(false);
                FuseReplies.Buffer(r, buffer.AsSpan(0, n));
            }
            finally
            {
                BufferPool.Return(buffer);
            }
        });

    public void Release(nint req, ulong handle) =>
        Run(req, async (r, _) =>
        {
            await vfs.ReleaseAsync(handle).ConfigureAwait(false);
            LibFuse.ReplyErr(r, 0);
        });

    public void OpenDir(nint req, ulong inode, FuseFileInfo info)
    {
        info.Fh = vfs.OpenDirectory(inode);
        if (vfs.NodeOf(inode).IsImmutable) info.Bits |= FuseFileInfo.CacheReaddirBit | FuseFileInfo.KeepCacheBit;
        FuseReplies.Open(req, info);
    }

    public void ReadDir(nint req, ulong handle, int size, long offset, bool plus) =>
        Run(req, async (r, ct) =>
        {
            // Offsets 0 and 1 are `.` and `..`; the directory's own entries follow from offset 2.
            var max = plus ? size / 120 + 1 : size / 32 + 1;
            var entries = await vfs.ReadDirectoryAsync(handle, Math.Max(0, offset - FuseReplies.DotEntries), max, ct).ConfigureAwait(false);
            var attributes = await vfs.AttributesOfAsync(entries, ct).ConfigureAwait(false);
            FuseReplies.Directory(r, vfs, handle, entries, attributes, plus, offset, size);
        });

    public void ReleaseDir(nint req, ulong handle) =>
        Run(req, async (r, _) =>
        {
            await vfs.ReleaseDirectoryAsync(handle).ConfigureAwait(false);
            LibFuse.ReplyErr(r, 0);
        });

    public void StatFs(nint req, ulong inode) => FuseReplies.StatFs(req, vfs, vfs.SpaceOf(inode));

    public void GetXattr(nint req, ulong inode, string name, int size)
    {
        // Absent names are answered from this thread: no task, no timeout, no exception (ls asks two per file).
        if (vfs.XattrAbsence(inode, name) is { } absent)
        {
            LibFuse.ReplyErr(req, ErrnoTable.For(absent));
            return;
        }
        Run(req, async (r, ct) =>
        {
            if (await vfs.GetXattrAsync(inode, name, ct).ConfigureAwait(false) is { } value) FuseReplies.Xattr(r, value, size);
            else LibFuse.ReplyErr(r, ErrnoTable.For(VfsError.NoAttribute));
        });
    }

    public void ListXattr(nint req, ulong inode, int size)
    {
        var names = new StringBuilder();
        foreach (var name in vfs.ListXattrs(inode)) names.Append(name).Append('\0');
        FuseReplies.Xattr(req, Encoding.UTF8.GetBytes(names.ToString()), size);
    }

    /// <summary>
    /// The one place FUSE threads meet async code: runs <paramref name="body"/> (which replies itself) and,
    /// when it fails, replies with the errno from <see cref="ErrnoTable"/>. Never blocks the calling thread.
    /// </summary>
    private void Run(nint req, Func<nint, CancellationToken, ValueTask> body, [CallerMemberName] string operation = "")
    {
        Interlocked.Increment(ref pending);
        ValueTask task;
        try
        {
            task = body(req, stopping.Token);
        }
        catch (Exception e)
        {
            Fail(req, operation, e);
            Interlocked.Decrement(ref pending);
            return;
        }
        if (task.IsCompleted)
        {
            Complete(req, task, operation);
            return;
        }
        _ = CompleteLaterAsync(req, task, operation);
    }

    /// <summary>Replies with the errno for <paramref name="error"/>; an unexpected failure (EIO) also goes to the log.</summary>
    private void Fail(nint req, string operation, Exception error)
    {
        var errno = ErrnoTable.For(error);
        errors.Failed(operation, error, errno);
        LibFuse.ReplyErr(req, errno);
    }

    private void Complete(nint req, ValueTask task, string operation)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Fail(req, operation, e);
        }
        finally
        {
            Interlocked.Decrement(ref pending);
        }
    }

    private async Task CompleteLaterAsync(nint req, ValueTask task, string operation)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(req, operation, e);
        }
        finally
        {
            Interlocked.Decrement(ref pending);
        }
    }
}
