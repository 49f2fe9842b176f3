using BenchmarkDotNet.Attributes;
using NSubstitute;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Client.Tui;

namespace TuiChat.Client.Bench;

/// <summary>
/// One keystroke through the input path of the full-screen client: the key is given to the
/// focused view as Terminal.Gui does after parsing it (<c>NewKeyDownEvent</c>), the view edits,
/// and the screen is laid out and drawn (virtual ANSI driver, 140x40). Terminal.Gui's own
/// input injection is left out: in 2.5.0 it waits out its escape timeout on every key (about
/// 60 ms), which would hide everything else. The input already holds <see cref="Length"/> characters; a benchmark
/// operation types one more and takes it back with Backspace (two keystrokes, each drawn).
/// <see cref="TuiChatInput"/> is the client's <see cref="InputView"/>; <see cref="StockTextField"/>
/// is Terminal.Gui's TextField, which the client used before, for comparison.
/// </summary>
[MemoryDiagnoser]
public class KeystrokeBenchmarks
{
    private IApplication _app = null!;
    private SessionToken _session = null!;
    private Window _window = null!;
    private View _focus = null!;
    private ChatViewModel? _chat;

    [Params(10, 1000, 4000)]
    public int Length { get; set; }

    [GlobalSetup(Target = nameof(TuiChatInput))]
    public void SetUpInput()
    {
        StartApp();
        var connection = Substitute.For<IChatConnection>();
        connection.UserName.Returns("alice");
        connection.ServerAddress.Returns("127.0.0.1:5000");
        connection.Status.Returns(new ConnectionStatus(ConnectionState.Connected));
        _chat = new ChatViewModel(connection, new InlineUiDispatcher());
        var input = new InputLine(_chat.Input) { Y = 37, Width = Dim.Fill() };
        Show(input, input.Field);
        _chat.Input.Text = Text(Length);
        _app.LayoutAndDraw(true);
    }

    [GlobalSetup(Target = nameof(StockTextField))]
    public void SetUpTextField()
    {
        StartApp();
        var field = new TextField { Y = 37, Width = Dim.Fill(), Text = Text(Length) };
        Show(field, field);
        field.MoveEnd();
        _app.LayoutAndDraw(true);
    }

    [Benchmark(Baseline = true)]
    public void TuiChatInput() => TypeAndErase();

    [Benchmark]
    public void StockTextField() => TypeAndErase();

    [GlobalCleanup]
    public void CleanUp()
    {
        _app.End(_session);
        _window.Dispose();
        _chat?.Dispose();
        _app.Dispose();
    }

    private void TypeAndErase()
    {
        _focus.NewKeyDownEvent(new Key('x'));
        _app.LayoutAndDraw();
        _focus.NewKeyDownEvent(Key.Backspace);
        _app.LayoutAndDraw();
    }

    private void StartApp()
    {
        // Headless: no real terminal is touched.
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        FullScreenClient.ConfigureKeys();
        _app = Application.Create();
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(140, 40);
    }

    private void Show(View view, View focus)
    {
        _window = new Window();
        _window.Add(view);
        _session = _app.Begin(_window)!;
        focus.SetFocus();
        _focus = focus;
    }

    /// <summary>Prose of <paramref name="length"/> characters, as a long message would be.</summary>
    private static string Text(int length)
    {
        const string words = "the quick brown fox jumps over the lazy dog ";
        return string.Concat(Enumerable.Repeat(words, length / words.Length + 1))[..length];
    }
}
