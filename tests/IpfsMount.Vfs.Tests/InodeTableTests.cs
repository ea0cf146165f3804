// The inode table: lookup counts, forget, shared identities, and a model-based property test.
using FsCheck;
using FsCheck.Fluent;
using IpfsMount.Vfs.Inodes;

namespace IpfsMount.Vfs.Tests;

public sealed class InodeTableTests
{
    [Fact]
    public void The_root_is_inode_one_and_is_never_forgotten()
    {
        var root = new ListNode();
        var table = new InodeTable(root);
        table.Forget(InodeTable.RootInode, 10);
        Assert.Same(root, table.Get(InodeTable.RootInode));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Nodes_with_the_same_identity_share_one_inode_and_its_lookup_count()
    {
        var table = new InodeTable(new ListNode());
        var (a, keptA) = table.Acquire(new LeafNode("x"));
        var (b, keptB) = table.Acquire(new LeafNode("x"));
        var (c, _) = table.Acquire(new LeafNode("y"));
        Assert.Equal(a, b);
        Assert.Same(keptA, keptB);
        Assert.NotEqual(a, c);
        Assert.Equal(2, table.LookupCount(a));
        table.Forget(a, 1);
        Assert.Same(keptA, table.Get(a));
        table.Forget(a, 1);
        var e = Assert.Throws<VfsException>(() => table.Get(a));
        Assert.Equal(VfsError.InvalidHandle, e.Error);
    }

    [Fact]
    public void Inode_numbers_are_not_reused_after_forget()
    {
        var table = new InodeTable(new ListNode());
        var (first, _) = table.Acquire(new LeafNode("x"));
        table.Forget(first, 1);
        var (second, _) = table.Acquire(new LeafNode("x"));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Lookup_counts_follow_a_model_for_any_sequence_of_lookups_and_forgets()
    {
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 7).Zip(Gen.Choose(0, 3))).ToArbitrary(), ops =>
        {
            var table = new InodeTable(new ListNode());
            var model = new Dictionary<string, long>();
            var inodes = new Dictionary<string, ulong>();
            foreach (var (key, forget) in ops.Select(o => ($"k{o.Item1}", o.Item2)))
            {
                if (forget == 0 || !inodes.ContainsKey(key))
                {
                    inodes[key] = table.Acquire(new LeafNode(key)).Inode;
                    model[key] = model.GetValueOrDefault(key) + 1;
                }
                else
                {
                    table.Forget(inodes[key], (ulong)forget);
                    model[key] -= forget;
                    if (model[key] <= 0)
                    {
                        model.Remove(key);
                        inodes.Remove(key);
                    }
                }
            }
            return table.Count == model.Count + 1
                && model.All(kv => table.LookupCount(inodes[kv.Key]) == kv.Value);
        }).QuickCheckThrowOnFailure();
    }
}
