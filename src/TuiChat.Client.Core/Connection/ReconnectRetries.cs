using System.Net.Sockets;
using System.Security.Authentication;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// The backoff loop after a lost session: waits (reporting "reconnecting in Ns" each second),
/// tries again, and stops when an attempt logs in, when it is refused for a reason that another
/// attempt cannot fix, or when it is cancelled.
/// </summary>
internal sealed class ReconnectRetries(ChatConnectionOptions options, Action<ConnectionStatus> setStatus)
{
    /// <summary>Login refusals that another attempt cannot fix.</summary>
    private static readonly HashSet<string> FinalLoginErrors =
    [
        ErrorCodes.AuthFailed, ErrorCodes.NameInvalid, ErrorCodes.PasswordInvalid, ErrorCodes.ProtocolUnsupported,
    ];

    /// <summary>A failure that a later attempt may not meet: the network, a timeout, a login refused for now.</summary>
    public static bool IsTransient(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or AuthenticationException
        || e is ChatRequestException request && !FinalLoginErrors.Contains(request.Code);

    /// <param name="reason">Why the session was lost: shown until an attempt fails for another reason.</param>
    /// <param name="attempt">One attempt to open and log in a session; returns once it is logged in.</param>
    public async Task RunAsync(string reason, Func<CancellationToken, Task> attempt, CancellationToken token)
    {
        for (int n = 0; !token.IsCancellationRequested; n++)
        {
            TimeSpan delay = ReconnectBackoff.Delay(n, options.InitialReconnectDelay, options.MaxReconnectDelay, Random.Shared.NextDouble());
            try
            {
                await CountDownAsync(delay, reason, token).ConfigureAwait(false);
                setStatus(new ConnectionStatus(ConnectionState.Reconnecting, Reason: reason));
                await attempt(token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsTransient(e))
            {
                reason = e.Message;
            }
            catch (Exception e)
            {
                // A refused login, an untrusted certificate or anything unforeseen: retrying cannot
                // help, and a status stuck at "reconnecting" would hide the reason.
                setStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: e.Message));
                return;
            }
        }
    }

    /// <summary>Waits out the backoff, reporting "reconnecting in Ns" each second.</summary>
    private async Task CountDownAsync(TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        TimeSpan left = delay;
        while (left > TimeSpan.Zero)
        {
            setStatus(new ConnectionStatus(ConnectionState.Reconnecting, left, reason));
            TimeSpan step = left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
            await Task.Delay(step, options.Time, cancellationToken).ConfigureAwait(false);
            left -= step;
        }
    }
}
