// Builds in-memory Bitswap nodes for tests and disposes them all at the end.
using IpfsMount.Core;
using IpfsMount.Net.Bitswap;

namespace IpfsMount.Net.Tests.Bitswap;

internal sealed class BitswapTestNetwork : IAsyncDisposable
{
    private readonly List<BitswapExchange> _exchanges = [];

    public InMemoryBitswapHub Hub { get; } = new();

    public (BitswapExchange Exchange, InMemoryBitswapNetwork Network) AddNode(string name, IBlockStore store, BitswapOptions? options = null)
    {
        var net = Hub.AddNode(name);
        var exchange = new BitswapExchange(net, store, options);
        _exchanges.Add(exchange);
        return (exchange, net);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var e in _exchanges)
            await e.DisposeAsync();
    }
}
