// One live FUSE mount: fuse_session_new/mount, the multithreaded session loop, and a clean unmount.
using System.Runtime.InteropServices;
using IpfsMount.Fuse.Interop;
using IpfsMount.Vfs;

namespace IpfsMount.Fuse;

/// <summary>
/// Mounts a <see cref="VirtualFileSystem"/> at a directory with libfuse3's low-level API and serves it on
/// libfuse worker threads until <see cref="UnmountAsync"/> (or an external `fusermount3 -u`) ends the session.
/// </summary>
public sealed class FuseMount : IAsyncDisposable, IKernelCache
{
    private readonly FuseVfsAdapter adapter;
    private readonly FuseMountOptions options;
    private readonly TaskCompletionSource<int> loopDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private GCHandle self;
    private nint ops;
    private nint session;
    private bool unmounted;

    private FuseMount(string mountpoint, VirtualFileSystem vfs, FuseMountOptions options)
    {
        Mountpoint = mountpoint;
        this.options = options;
        adapter = new FuseVfsAdapter(vfs, options);
    }

    public string Mountpoint { get; }

    /// <summary>Completes with the loop's return code when the session ends (unmount, abort, or fusermount -u).</summary>
    public Task<int> Completion => loopDone.Task;

    /// <summary>What FUSE_INIT negotiated; set once the kernel has sent INIT (shortly after mount).</summary>
    public FuseNegotiation? Negotiation => adapter.Negotiation;

    public VirtualFileSystem Vfs => adapter.Vfs;

    /// <summary>Requests received so far, by opcode.</summary>
    public FuseRequestCounters Requests => adapter.Requests;

    /// <summary>Mounts and starts serving; throws <see cref="FuseMountException"/> with the reason when it cannot.</summary>
    public static FuseMount Start(string mountpoint, VirtualFileSystem vfs, FuseMountOptions? options = null)
    {
        var full = Path.GetFullPath(mountpoint);
        if (!Directory.Exists(full)) throw new FuseMountException($"mount point '{full}' does not exist or is not a directory");
        var mount = new FuseMount(full, vfs, options ?? new FuseMountOptions());
        try
        {
            mount.Open();
        }
        catch
        {
            mount.FreeNative();
            throw;
        }
        return mount;
    }

    /// <summary>Tells the kernel to drop cached data/attributes of <paramref name="inode"/> (mutable trees).</summary>
    public int InvalidateInode(ulong inode) => session == 0 || loopDone.Task.IsCompleted ? 0 : LibFuse.NotifyInvalInode(session, inode, 0, 0);

    /// <summary>Tells the kernel to drop its cached entry <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public unsafe int InvalidateEntry(ulong parent, string name)
    {
        if (session == 0 || loopDone.Task.IsCompleted) return 0;
        var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = bytes) return LibFuse.NotifyInvalEntry(session, parent, p, (nuint)(bytes.Length - 1));
    }

    /// <summary>
    /// Unmounts (lazily, so open files do not block it), aborts the connection if the loop does not end,
    /// waits for in-flight requests, and frees the session. Safe to call more than once.
    /// </summary>
    public async Task UnmountAsync()
    {
        lock (gate)
        {
            if (unmounted) return;
            unmounted = true;
        }
        var connection = ConnectionId();
        if (!loopDone.Task.IsCompleted)
        {
            LibFuse.SessionExit(session);
            LibFuse.SessionUnmount(session);
            if (!await WaitLoopAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false) && connection is not null)
            {
                // Open files keep a lazily unmounted file system alive: abort the connection to end the loop.
                AbortConnection(connection);
            }
            await WaitLoopAsync(options.UnmountTimeout).ConfigureAwait(false);
        }
        await adapter.StopAsync(options.UnmountTimeout).ConfigureAwait(false);
        if (loopDone.Task.IsCompleted)
        {
            LibFuse.SessionDestroy(session);
            FreeNative();
        }
        // else: the loop thread is stuck in the kernel; leak the session rather than free memory it uses.
    }

    public async ValueTask DisposeAsync() => await UnmountAsync().ConfigureAwait(false);

    private unsafe void Open()
    {
        self = GCHandle.Alloc(adapter);
        ops = (nint)NativeMemory.AllocZeroed((nuint)sizeof(FuseLowLevelOps));
        *(FuseLowLevelOps*)ops = FuseCallbacks.CreateTable();
        var mountOptions = $"fsname={options.FsName},subtype={options.FsName},default_permissions"
            + (options.AllowOther ? ",allow_other" : "");
        string[] argv = ["ipfsmount", "-o", mountOptions];
        var native = argv.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToArray();
        try
        {
            fixed (nint* argvPtr = native)
            {
                var args = new FuseArgs { Argc = argv.Length, Argv = (byte**)argvPtr, Allocated = 0 };
                session = LibFuse.SessionNew(&args, (FuseLowLevelOps*)ops, (nuint)sizeof(FuseLowLevelOps), GCHandle.ToIntPtr(self));
            }
        }
        finally
        {
            foreach (var p in native) Marshal.FreeCoTaskMem(p);
        }
        if (session == 0) throw new FuseMountException("fuse_session_new failed (see the libfuse message above)");
        if (LibFuse.SessionMount(session, Mountpoint) != 0)
        {
            LibFuse.SessionDestroy(session);
            session = 0;
            throw new FuseMountException(
                $"cannot mount at '{Mountpoint}': is /dev/fuse available and the directory not already a mount point? " +
                "(fuse3 must be installed; a stale mount is cleared with `fusermount3 -u <dir>`)");
        }
        // Before the loop answers INIT: INIT's reply lowers the bdi read-ahead to min(bdi, max_readahead), so the bdi
        // must already hold ours (the mount's device comes from mountinfo: a stat would wait for INIT).
        RaiseReadahead();
        var thread = new Thread(Loop) { IsBackground = true, Name = $"fuse-loop {Mountpoint}" };
        thread.Start();
    }

    /// <summary>
    /// The kernel caps a FUSE mount's read-ahead at the bdi default (128 KiB) whatever INIT asked for; as root,
    /// raise the bdi's read_ahead_kb so sequential reads arrive as requests of up to MaxReadaheadBytes.
    /// </summary>
    private void RaiseReadahead()
    {
        var kb = options.MaxReadaheadBytes / 1024;
        if (DeviceFromMountInfo() is not { } device)
        {
            Console.Error.WriteLine($"ipfsmount: kept the kernel's default read-ahead for {Mountpoint}: it is not in /proc/self/mountinfo");
            return;
        }
        var file = $"/sys/class/bdi/{device}/read_ahead_kb";
        ReadaheadFile = file;
        try
        {
            File.WriteAllText(file, kb.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ReadaheadKb = kb;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ipfsmount: kept the kernel's default read-ahead for {Mountpoint}: cannot write {kb} to {file} " +
                $"({e.Message}); sequential reads arrive in smaller requests (run as root to raise it)");
        }
    }

    /// <summary>The read-ahead (KiB) set on the mount's bdi, or null when the kernel default was kept (not root).</summary>
    public int? ReadaheadKb { get; private set; }

    /// <summary>The sysfs file of this mount's backing-device read-ahead (/sys/class/bdi/0:&lt;minor&gt;/read_ahead_kb).</summary>
    public string? ReadaheadFile { get; private set; }

    /// <summary>"major:minor" of the mount at <see cref="Mountpoint"/> (the newest one there), from /proc/self/mountinfo.</summary>
    private string? DeviceFromMountInfo()
    {
        string? device = null;
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mountpoint options… (spaces in paths are written as \040)
            var fields = line.Split(' ');
            if (fields.Length > 4 && fields[4].Replace("\\040", " ", StringComparison.Ordinal) == Mountpoint) device = fields[2];
        }
        return device;
    }

    private void Loop()
    {
        var config = LibFuse.LoopConfigCreate();
        try
        {
            LibFuse.LoopConfigSetMaxThreads(config, (uint)options.MaxThreads);
            LibFuse.LoopConfigSetIdleThreads(config, (uint)Math.Max(1, options.MaxThreads / 2));
            loopDone.TrySetResult(LibFuse.SessionLoopMt(session, config));
        }
        catch (Exception e)
        {
            loopDone.TrySetException(e);
        }
        finally
        {
            LibFuse.LoopConfigDestroy(config);
        }
    }

    /// <summary>Writes to fusectl's abort file (mounting fusectl first when root and it is not mounted).</summary>
    private static void AbortConnection(string connection)
    {
        const string control = "/sys/fs/fuse/connections";
        var abort = $"{control}/{connection}/abort";
        if (!File.Exists(abort) && Directory.Exists(control)) LibC.Mount("fusectl", control, "fusectl", 0, 0);
        try
        {
            File.WriteAllText(abort, "1");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ipfsmount: cannot abort FUSE connection {connection}: {e.Message}");
        }
    }

    private async Task<bool> WaitLoopAsync(TimeSpan timeout) =>
        await Task.WhenAny(loopDone.Task, Task.Delay(timeout)).ConfigureAwait(false) == loopDone.Task;

    private unsafe string? ConnectionId()
    {
        Stat st;
        if (LibC.StatPath(Mountpoint, &st) == 0)
        {
            // FUSE devices are anonymous (major 0): fusectl and the bdi name use the minor number.
            var minor = (st.Dev & 0xff) | ((st.Dev >> 12) & ~0xffUL);
            return minor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Console.Error.WriteLine($"ipfsmount: stat '{Mountpoint}' failed (errno {Marshal.GetLastPInvokeError()})");
        return null;
    }

    private unsafe void FreeNative()
    {
        if (ops != 0) NativeMemory.Free((void*)ops);
        ops = 0;
        if (self.IsAllocated) self.Free();
        session = 0;
    }
}
