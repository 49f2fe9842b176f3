using Terminal.Gui.App;
using Terminal.Gui.Input;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Input;
using TuiChat.Client.Core.Settings;
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
    /// quits; returns the exit code: 0, or the <see cref="LoginFailure"/>'s.
    /// </summary>
    public static int Run(ChatSettings settings, IChatConnection connection)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);
        ConfigureKeys(settings.Preferences.Keys[KeyActions.Quit]);

        LoginFailure? loginError = null;
        ScreenText.Profile = TerminalProbe.Measure(out string typedAhead);
        Palette.EightColours = Palette.HasOnlyEightColours(
            Environment.GetEnvironmentVariable("TERM"), Environment.GetEnvironmentVariable("COLORTERM"));
        Palette.Theme = settings.Preferences.Theme;
        IApplication app = Application.Create();
        WholeCharacterInput.Install(app);
        app.Init();
        var dispatcher = new TuiDispatcher(app);
        var chat = new ChatViewModel(connection, dispatcher, settings with { StatusHint = " · F1 help · Ctrl+Q quit" });
        var window = new ChatWindow(app, chat);
        window.Input.Field.Enter = new EnterRule(EnterRule.KnownToBracketPastes(
            Environment.GetEnvironmentVariable("TERM"), Environment.GetEnvironmentVariable("TMUX")));
        var signals = new TerminalSignals(app, chat.Attention);
        try
        {
            // Log in from the first loop iteration: the window is already drawn, the status line
            // says "connecting", and every event after that lands on a live screen.
            app.AddTimeout(TimeSpan.Zero, () =>
            {
                // What was typed while the client started goes into the laid-out input line, as
                // pasted text: a line end typed early becomes a line break in the draft, never a send.
                window.Input.Field.Paste(typedAhead);
                _ = LoginAsync();
                return false;
            });
            app.Run(window, SurvivesInputParserFault);
        }
        finally
        {
            // No view-model update may reach the loop once it is gone.
            dispatcher.Close();
            signals.Dispose();
            window.Dispose();
            app.Dispose();
            // Ctrl+Q at once after logging in: the key this login is publishing goes out first.
            chat.FinishPublishingKeysAsync().Wait();
            chat.Dispose();
        }
        QuitQuietly(connection);

        if (loginError is not null)
        {
            // Written after the alternate screen is gone, so the user sees it.
            Console.Error.WriteLine($"tuichat: {loginError.Message}");
            return loginError.ExitCode;
        }
        return 0;

        async Task LoginAsync()
        {
            try
            {
                await chat.StartAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (LoginFailure.From(e, connection.ServerAddress) is { } failure)
            {
                Fail(failure);
            }
        }

        void Fail(LoginFailure failure) => dispatcher.Post(() =>
        {
            loginError = failure;
            window.RequestStop();
        });
    }

    /// <summary>
    /// Terminal.Gui 2.5.0's input parser throws on some sequences a terminal can send, e.g. a
    /// paste end marker <c>ESC[201~</c> without its start (a paste cut by a suspend or a resize):
    /// the key it builds for it is null. That ended the client with the user's draft; the
    /// sequence is dropped instead and the loop goes on. Any other exception still ends it.
    /// </summary>
    internal static bool SurvivesInputParserFault(Exception e) =>
        e is NullReferenceException && e.StackTrace?.Contains("Terminal.Gui.Drivers.AnsiKeyboardParserPattern", StringComparison.Ordinal) == true;

    /// <summary>
    /// Esc quits a Terminal.Gui app by default; in a chat Esc is far too easy to hit, so quitting
    /// is Ctrl+Q only (or the <c>[keys] quit</c> keys). Process-wide, and must happen before the application is created.
    /// </summary>
    internal static void ConfigureKeys(IReadOnlyList<string>? quitKeys = null)
    {
        Key[] keys = (quitKeys ?? KeyActions.Defaults[KeyActions.Quit])
            .Select(name => Key.TryParse(name, out Key? key) ? key : null).OfType<Key>().ToArray();
        Application.SetDefaultKeyBinding(Command.Quit, Bind.All(keys.Length > 0 ? keys : [Key.Q.WithCtrl]));
    }

    /// <summary>Tells the server we are leaving so the others see "quit" rather than a dropped connection.</summary>
    private static void QuitQuietly(IChatConnection connection)
    {
        if (connection.Status.State is ConnectionState.Disconnected)
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
