// The `ipfsmount` command: entry point. Verbs are added with their issues.
namespace IpfsMount.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "version")
        {
            Console.WriteLine("ipfsmount version 0.1.0");
            return 0;
        }
        Console.Error.WriteLine("Error: unknown command. Usage: ipfsmount version");
        return 2;
    }
}
