using System.Net.Sockets;
using System.Security.Authentication;
using TuiChat.Client.Core.Security;

namespace TuiChat.Client;

/// <summary>
/// The ways a first connect can fail that the user fixes (wrong host or port, no server, not a
/// TuiChat server, TLS refused or not trusted): both clients print one clear line for these and
/// exit, rather than crash with a stack trace.
/// </summary>
internal static class ConnectFailures
{
    public static bool IsConnectFailure(Exception e) =>
        e is SocketException or IOException or TimeoutException or AuthenticationException or TlsTrustException;
}
