using TuiChat.Client.Core.Connection;
using TuiChat.Client.Menu;

namespace TuiChat.Client.Tui;

/// <summary>
/// Entry point of the full-screen client. Until the Terminal.Gui client lands (branch <c>tui</c>
/// replaces this file), it runs the menu client so <c>tuichat</c> works in every terminal.
/// </summary>
public static class FullScreenClient
{
    /// <summary>
    /// Runs the client on <paramref name="connection"/> (created, not yet connected: the caller
    /// subscribes nothing, so no event is missed) until the user quits; returns the exit code.
    /// </summary>
    public static int Run(ClientOptions options, IChatConnection connection) =>
        MenuClient.Run(options, connection, Console.In, Console.Out);
}
