// A set of in-memory Bitswap network nodes that can be connected and disconnected pairwise (tests).
namespace IpfsMount.Net.Bitswap;

public sealed class InMemoryBitswapHub
{
    private readonly Dictionary<string, InMemoryBitswapNetwork> _nodes = [];

    public InMemoryBitswapNetwork AddNode(string peerId)
    {
        lock (_nodes)
        {
            if (_nodes.ContainsKey(peerId))
                throw new ArgumentException($"node {peerId} exists already", nameof(peerId));
            var node = new InMemoryBitswapNetwork(this, peerId);
            _nodes.Add(peerId, node);
            return node;
        }
    }

    public void Connect(string a, string b)
    {
        Get(a).OnConnected(b);
        Get(b).OnConnected(a);
    }

    public void Disconnect(string a, string b)
    {
        Get(a).OnDisconnected(b);
        Get(b).OnDisconnected(a);
    }

    internal InMemoryBitswapNetwork Get(string peerId)
    {
        lock (_nodes)
            return _nodes.TryGetValue(peerId, out var n) ? n : throw new IOException($"no node {peerId}");
    }
}
