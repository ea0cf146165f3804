// Lets the Bitswap unit tests reach internal types (ledger, sender, protobuf reader).
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IpfsMount.Net.Tests")]
