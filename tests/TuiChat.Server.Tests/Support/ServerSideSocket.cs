using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TuiChat.Server.Tests.Support;

/// <summary>
/// Finds, through Linux's /proc, the descriptor an in-process server holds for the other end of a
/// test's connection, and reads its file status flags: what the kernel sees, not what .NET says.
/// </summary>
public static class ServerSideSocket
{
    private const int NonBlockingFlag = 0x800; // O_NONBLOCK on Linux

    /// <summary>The flags of the server's descriptor for <paramref name="client"/>'s connection, or null until the server has accepted it.</summary>
    public static int? Flags(Socket client)
    {
        var local = (IPEndPoint)client.LocalEndPoint!;
        var remote = (IPEndPoint)client.RemoteEndPoint!;
        if (Inode(serverPort: remote.Port, clientPort: local.Port) is not { } inode)
        {
            return null;
        }
        string target = $"socket:[{inode}]";
        foreach (string fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (new FileInfo(fd).LinkTarget == target)
            {
                string flags = File.ReadLines($"/proc/self/fdinfo/{Path.GetFileName(fd)}").First(l => l.StartsWith("flags:", StringComparison.Ordinal));
                return Convert.ToInt32(flags["flags:".Length..].Trim(), 8);
            }
        }
        return null;
    }

    public static bool IsNonBlocking(int flags) => (flags & NonBlockingFlag) != 0;

    /// <summary>The socket inode of the server's end: local port the server's, remote port the client's.</summary>
    private static string? Inode(int serverPort, int clientPort)
    {
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (Port(columns[1]) == serverPort && Port(columns[2]) == clientPort && columns[9] != "0")
                {
                    return columns[9];
                }
            }
        }
        return null;
    }

    private static int Port(string address) => int.Parse(address[(address.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
