using System.Globalization;

namespace TuiChat.Client.Core.Connection;

/// <summary>One server to connect to. <see cref="ToString"/> is how it is shown: <c>host:port</c>, <c>[::1]:port</c>.</summary>
public sealed record ServerEndpoint(string Host, int Port)
{
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal)
            ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Reads <c>--host</c>: one host, or a comma-separated list of servers to fail over between
    /// (<c>a:5000,b:5001,c</c>, <c>[::1]:5000</c>); a server without a port uses <paramref name="defaultPort"/>.
    /// </summary>
    public static bool TryParseList(string text, int defaultPort, out IReadOnlyList<ServerEndpoint> servers, out string error)
    {
        var list = new List<ServerEndpoint>();
        servers = list;
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            if (!TryParse(item, defaultPort, out ServerEndpoint? server))
            {
                error = $"'{item}' is not a server: use host, host:port or [ipv6]:port, several separated by commas";
                return false;
            }
            list.Add(server);
        }
        error = "";
        return true;
    }

    private static bool TryParse(string item, int defaultPort, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServerEndpoint? server)
    {
        server = null;
        string host = item;
        int port = defaultPort;
        if (item.StartsWith('['))
        {
            int close = item.IndexOf(']', StringComparison.Ordinal);
            if (close < 2)
            {
                return false;
            }
            host = item[1..close];
            string rest = item[(close + 1)..];
            if (rest.Length > 0 && (rest[0] != ':' || !TryPort(rest[1..], out port)))
            {
                return false;
            }
        }
        else if (item.Count(c => c == ':') == 1)
        {
            int colon = item.IndexOf(':', StringComparison.Ordinal);
            host = item[..colon];
            if (!TryPort(item[(colon + 1)..], out port))
            {
                return false;
            }
        }
        // More than one ':' without brackets: a bare IPv6 address, on the default port.
        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            return false;
        }
        server = new ServerEndpoint(host, port);
        return true;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
