// One of our nodes on a real Libp2pHost (127.0.0.1, ephemeral port) with Bitswap over a memory block store.
using IpfsMount.Core;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Bitswap;
using IpfsMount.Net.Host;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Tests.Bitswap;

internal sealed class BitswapHostNode : IAsyncDisposable
{
    private BitswapHostNode(Libp2pHost host, Multiaddress address, IBlockStore local, IBlockStore served, BitswapOptions? options)
    {
        Host = host;
        Address = address;
        Local = local;
        Network = new Libp2pBitswapNetwork(host);
        Exchange = new BitswapExchange(Network, served, options);
        Store = new BitswapBlockStore(local, Exchange);
    }

    public Libp2pHost Host { get; }

    public Multiaddress Address { get; }

    public IBlockStore Local { get; }

    public Libp2pBitswapNetwork Network { get; }

    public BitswapExchange Exchange { get; }

    public BitswapBlockStore Store { get; }

    /// <summary>Starts a node; <paramref name="served"/> is what its server answers from (default: its local store).</summary>
    public static async Task<BitswapHostNode> StartAsync(IBlockStore? local = null, IBlockStore? served = null, BitswapOptions? options = null)
    {
        var host = new Libp2pHost(PeerIdentity.Generate(), new Libp2pHostOptions { ListenAddresses = [] });
        var addr = await host.ListenAsync(Multiaddress.Parse("/ip4/127.0.0.1/tcp/0"));
        local ??= new MemoryBlockStore();
        return new BitswapHostNode(host, addr.WithPeerId(host.Id), local, served ?? local, options);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Exchange.DisposeAsync();
        Network.Dispose();
        await Host.DisposeAsync();
    }
}
