// Keeps a mount's kernel cache true to MFS changes made beside it (files verbs, rollback through the daemon API):
// each changed path's cached name and inode are dropped on a thread of its own, never from a request callback.
using System.Collections.Concurrent;
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

/// <summary>
/// Subscribes to <see cref="MfsTree.PathsChanged"/>; for each path it walks the names the kernel knows (inodes in the
/// <see cref="VirtualFileSystem"/>) from &lt;mnt&gt;/mfs down, and invalidates the entry in its parent, the parent's
/// inode (listing, mtime) and the node's own inode (size, pages). The notifying change waits (bounded) until done,
/// so the very next access through the mount sees it.
/// </summary>
public sealed class MfsCacheInvalidator : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(2);
    private readonly MfsTree tree;
    private readonly VfsNode mfsRoot;
    private readonly VirtualFileSystem vfs;
    private readonly IKernelCache kernel;
    private readonly BlockingCollection<(IReadOnlyList<string> Paths, ManualResetEventSlim Done)> queue = new();
    private readonly Thread worker;

    public MfsCacheInvalidator(MfsTree tree, VfsNode mfsRoot, VirtualFileSystem vfs, IKernelCache kernel)
    {
        this.tree = tree;
        this.mfsRoot = mfsRoot;
        this.vfs = vfs;
        this.kernel = kernel;
        worker = new Thread(Run) { IsBackground = true, Name = "mfs-cache-invalidator" };
        worker.Start();
        tree.PathsChanged += OnPathsChanged;
    }

    /// <summary>Paths handled so far (for tests and logs).</summary>
    public long Invalidated => Interlocked.Read(ref invalidated);

    private long invalidated;

    private void OnPathsChanged(IReadOnlyList<string> paths)
    {
        using var done = new ManualResetEventSlim();
        try
        {
            queue.Add((paths, done));
        }
        catch (InvalidOperationException)
        {
            return; // disposed: the mount is gone
        }
        if (!done.Wait(WaitLimit)) Console.Error.WriteLine($"ipfsmount: dropping the kernel's cache of {paths[0]} took over {WaitLimit.TotalSeconds} s");
    }

    private void Run()
    {
        foreach (var (paths, done) in queue.GetConsumingEnumerable())
        {
            try
            {
                foreach (var path in paths) InvalidatePath(path);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"ipfsmount: cannot drop the kernel's cache of {paths[0]}: {e.Message}");
            }
            finally
            {
                try { done.Set(); }
                catch (ObjectDisposedException) { } // the change stopped waiting
            }
        }
    }

    private void InvalidatePath(string path)
    {
        if (vfs.TryInodeOf(mfsRoot.Identity) is not { } dirInode) return; // the kernel never looked at /mfs
        var parts = MfsPath.Split(path);
        Interlocked.Increment(ref invalidated);
        if (parts.Length == 0)
        {
            kernel.InvalidateInode(dirInode);
            return;
        }
        var dir = tree.RootRef;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (Lookup(dir, parts[i]) is not { } child || vfs.TryInodeOf(child) is not { } childInode) return; // nothing cached below
            (dir, dirInode) = (child, childInode);
        }
        kernel.InvalidateEntry(dirInode, parts[^1]);
        kernel.InvalidateInode(dirInode);
        if (Lookup(dir, parts[^1]) is { } node && vfs.TryInodeOf(node) is { } inode) kernel.InvalidateInode(inode);
    }

    private MfsNodeRef? Lookup(MfsNodeRef dir, string name) =>
        tree.LookupAsync(dir, name).WaitAsync(WaitLimit).GetAwaiter().GetResult();

    public void Dispose()
    {
        tree.PathsChanged -= OnPathsChanged;
        queue.CompleteAdding();
        worker.Join(WaitLimit);
        queue.Dispose();
    }
}
