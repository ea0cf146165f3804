// MfsTree.PathsChanged: path-addressed changes (what the daemon API's files verbs and rollback use) are announced,
// after the tree lock is released, with their paths; node-addressed changes (a mount's own requests) are not.
using System.Text;

namespace IpfsMount.Mfs.Tests;

public sealed class PathsChangedTests
{
    [Fact]
    public async Task Path_addressed_changes_announce_their_paths_outside_the_lock_and_node_addressed_ones_stay_silent()
    {
        await using var tree = await Trees.NewAsync();
        var seen = new List<string>();
        tree.PathsChanged += paths =>
        {
            // the lock is free: a tree call from the handler must not wait for it
            Assert.True(tree.StatAsync("/").Wait(TimeSpan.FromSeconds(10)), "PathsChanged was raised under the tree lock");
            lock (seen) seen.Add(string.Join(",", paths));
        };

        await tree.MkdirAsync("/d");
        await tree.WriteAllAsync("/d/a.txt", Encoding.UTF8.GetBytes("one"));
        await tree.RenameAsync("/d/a.txt", "/d/b.txt");
        await tree.ChmodAsync("/d/b.txt", 0b110_000_000);
        await using (var h = await tree.OpenAsync("/d/b.txt", MfsOpenFlags.Write))
            await h.WriteAsync(0, Encoding.UTF8.GetBytes("two"));
        var v1 = await tree.CommitAsync("c1");
        await tree.RemoveAsync("/d/b.txt", recursive: false);
        await tree.CommitAsync("c2");
        var before = seen.Count;
        var (node, handle) = await tree.CreateAsync(tree.RootRef, "by-node.txt", null, MfsOpenFlags.Write);
        await handle!.DisposeAsync();
        await tree.RenameAsync(tree.RootRef, "by-node.txt", tree.RootRef, "moved.txt", noReplace: false);
        Assert.Equal(before, seen.Count);
        await tree.RollbackAsync(v1.Number);

        // mkdir; write (at its open, then when done); mv (both); chmod; open for writing; the commit after that open
        // (every path opened for writing since the last commit); rm; the root's names before and after the rollback
        Assert.Equal(["/d", "/d/a.txt", "/d/a.txt", "/d/a.txt,/d/b.txt", "/d/b.txt", "/d/b.txt", "/d/a.txt,/d/b.txt", "/d/b.txt",
            "/d,/moved.txt,/"], seen);
    }
}
