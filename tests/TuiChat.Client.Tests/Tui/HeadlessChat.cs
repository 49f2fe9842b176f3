using NSubstitute;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using TuiChat.Client.Core;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Client.Tui;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// A <see cref="ChatWindow"/> on Terminal.Gui's virtual ANSI driver, over a real
/// <see cref="ChatViewModel"/> whose connection is an NSubstitute fake. Keys go in with
/// <see cref="Press"/>/<see cref="Type"/>; the screen comes out as text with <see cref="Screen"/>.
/// </summary>
internal sealed class HeadlessChat : IDisposable
{
    private readonly SessionToken _session;

    public HeadlessChat(int width = 140, int height = 40, string user = "alice")
    {
        FullScreenClient.ConfigureKeys();
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);

        Connection = Substitute.For<IChatConnection>();
        Connection.UserName.Returns(user);
        Connection.ServerAddress.Returns("127.0.0.1:5000");
        Connection.Status.Returns(new ConnectionStatus(ConnectionState.Connected));
        Connection.GetHistoryAsync(default!).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<ChatMessage>>([]));
        Connection.ListUsersAsync().ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>([]));
        Connection.SendMessageAsync(default!, default!).ReturnsForAnyArgs(Task.FromResult(new MsgOk { Re = "1", MsgId = 1, Ts = "2026-01-01T10:00:00.000Z" }));

        // Tests drive everything from the test thread, which plays the UI thread here.
        Chat = new ChatViewModel(Connection, new InlineUiDispatcher());
        Window = new ChatWindow(App, Chat);
        // Each injected key as typed by a person: nothing queued behind it, whatever the terminal.
        Window.Input.Field.MoreInputWaiting = () => false;
        _session = App.Begin(Window)!;
        Draw();
    }

    public IApplication App { get; }

    public IChatConnection Connection { get; }

    public ChatViewModel Chat { get; }

    public ChatWindow Window { get; }

    /// <summary>Delivers a server event as the connection's reader thread would.</summary>
    public void Receive(ServerEvent serverEvent)
    {
        Connection.EventReceived += Raise.Event<EventHandler<ServerEvent>>(Connection, serverEvent);
        Draw();
    }

    public void Type(string text)
    {
        foreach (char c in text)
        {
            App.InjectKey(new Key(c));
        }
        Draw();
    }

    public void Press(Key key)
    {
        App.InjectKey(key);
        Draw();
    }

    /// <summary>A left click at a screen cell (0-based column and row).</summary>
    public void Click(int column, int row)
    {
        App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new System.Drawing.Point(column, row)));
        Draw();
    }

    public void DoubleClick(int column, int row)
    {
        App.InjectSequence(InputInjectionExtensions.LeftButtonDoubleClick(new System.Drawing.Point(column, row)));
        Draw();
    }

    public string Screen() => App.Driver!.ToString() ?? "";

    public void Draw() => App.LayoutAndDraw(true);

    public void Dispose()
    {
        App.End(_session);
        Window.Dispose();
        Chat.Dispose();
        App.Dispose();
    }
}
