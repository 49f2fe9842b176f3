using System.Net.Sockets;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// Entry point of the full-screen Terminal.Gui client: builds the view-model over the connection,
/// shows <see cref="ChatWindow"/>, logs in once the screen is up, and on Ctrl+Q or /quit closes
/// the session cleanly before the terminal is restored.
/// </summary>
public static class FullScreenClient
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs the client on <paramref name="connection"/> (created, not yet connected) until the user
    /// quits; returns the exit code: 0, or 1 when the login failed.
    /// </summary>
    public static int Run(ChatSettings settings, IChatConnection connection)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);
        ConfigureKeys();

        string? loginError = null;
        IApplication app = Application.Create();
        app.Init();
        var dispatcher = new TuiDispatcher(app);
        var chat = new ChatViewModel(connection, dispatcher, settings);
        var window = new ChatWindow(app, chat);
        try
        {
            // Log in from the first loop iteration: the window is already drawn, the status line
            // says "connecting", and every event after that lands on a live screen.
            app.AddTimeout(TimeSpan.Zero, () =>
            {
                _ = LoginAsync();
                return false;
            });
            app.Run(window);
        }
        finally
        {
            // No view-model update may reach the loop once it is gone.
            dispatcher.Close();
            window.Dispose();
            app.Dispose();
            chat.Dispose();
        }
        QuitQuietly(connection);

        if (loginError is not null)
        {
            // Written after the alternate screen is gone, so the user sees it.
            Console.Error.WriteLine($"tuichat: {loginError}");
            return 1;
        }
        return 0;

        async Task LoginAsync()
        {
            try
            {
                await chat.StartAsync().ConfigureAwait(false);
            }
            catch (ChatRequestException e)
            {
                Fail($"login refused: {e.Message} ({e.Code})");
            }
            catch (Exception e) when (ConnectFailures.IsConnectFailure(e))
            {
                Fail($"cannot reach {connection.ServerAddress}: {e.Message}");
            }
        }

        void Fail(string error) => dispatcher.Post(() =>
        {
            loginError = error;
            window.RequestStop();
        });
    }

    /// <summary>
    /// Esc quits a Terminal.Gui app by default; in a chat Esc is far too easy to hit, so quitting
    /// is Ctrl+Q only. Process-wide, and must happen before the application is created.
    /// </summary>
    internal static void ConfigureKeys() =>
        Application.SetDefaultKeyBinding(Command.Quit, Bind.All(Key.Q.WithCtrl));

    /// <summary>Tells the server we are leaving so the others see "quit" rather than a dropped connection.</summary>
    private static void QuitQuietly(IChatConnection connection)
    {
        if (connection.Status.State is ConnectionState.Disconnected or ConnectionState.ServerShutDown)
        {
            return;
        }
        try
        {
            connection.QuitAsync().Wait(QuitTimeout);
        }
        catch (AggregateException)
        {
            // The server is gone already; there is nobody left to tell.
        }
    }
}
