using System.Text;
using TuiChat.Client.Menu;

namespace TuiChat.Client.Tests.Menu;

/// <summary>The menu client's own echo of keys typed in a terminal, as bytes on a UTF-8 stdout.</summary>
public sealed class MenuConsoleTests
{
    private static ConsoleKeyInfo Char(char c) => new(c, ConsoleKey.NoName, false, false, false);

    private static readonly ConsoleKeyInfo Backspace = new('\b', ConsoleKey.Backspace, false, false, false);
    private static readonly ConsoleKeyInfo Enter = new('\r', ConsoleKey.Enter, false, false, false);
    private static readonly ConsoleKeyInfo Escape = new('\u001b', ConsoleKey.Escape, false, false, false);

    /// <summary>What a terminal in bracketed-paste mode sends for a paste, as .NET's Console.ReadKey hands it over: ESC, then the marker's characters one by one.</summary>
    private static IEnumerable<ConsoleKeyInfo> Pasted(string text) =>
        [Escape, .. "[200~".Select(Char), .. text.Select(c => c == '\r' ? Enter : Char(c)), Escape, .. "[201~".Select(Char)];

    /// <summary>Types <paramref name="keys"/> into a console over a UTF-8 stream; returns the line read and what was echoed.</summary>
    private static async Task<(string? Line, string Echo)> TypeAsync(IEnumerable<ConsoleKeyInfo> keys)
    {
        var queue = new Queue<ConsoleKeyInfo>(keys);
        var promptOpen = new TaskCompletionSource();
        using var bytes = new MemoryStream();
        await using var stdout = new StreamWriter(bytes, new UTF8Encoding(false));
        // The keys come once the prompt is open, as when a person reads it first (typing ahead has its own test).
        // Console.ReadKey blocks once the keys run out; the reader thread then waits for ever (it is a background thread).
        var console = new MenuConsole(TextReader.Null, stdout, () =>
        {
            promptOpen.Task.Wait();
            return queue.TryDequeue(out ConsoleKeyInfo key) ? key : WaitForever();
        });
        Task<string?> prompt = console.PromptAsync("> ");
        promptOpen.SetResult();
        string? line = await prompt.WaitAsync(TimeSpan.FromSeconds(30));
        return (line, Encoding.UTF8.GetString(bytes.ToArray()));
    }

    private static ConsoleKeyInfo WaitForever()
    {
        Thread.Sleep(Timeout.Infinite);
        return default;
    }

    [Fact]
    public async Task AnEmojiTypedAsTwoKeys_IsEchoedWhole_AndSentWhole()
    {
        (string? line, string echo) = await TypeAsync("Oi 🙈 👍🏽".Select(Char).Append(Enter));

        Assert.Equal("Oi 🙈 👍🏽", line);
        Assert.Contains("Oi 🙈 👍🏽", echo, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', echo);
    }

    [Fact]
    public async Task Backspace_TakesBackTheWholeEmoji_AndTheCellsItTook()
    {
        (string? line, string echo) = await TypeAsync("ok 👍🏽".Select(Char).Append(Backspace).Append(Enter));

        Assert.Equal("ok", line);
        Assert.Contains("👍🏽\b\b  \b\b", echo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasteOfSeveralLines_IsOneAnswer_WithItsLineBreaks()
    {
        (string? line, string echo) = await TypeAsync(Pasted("linha um\rlinha dois\rlinha três 👩🏽‍💻\r").Append(Enter));

        Assert.Equal("linha um\nlinha dois\nlinha três 👩🏽‍💻", line);
        Assert.Contains("linha um↵linha dois↵linha três 👩🏽‍💻↵", echo, StringComparison.Ordinal);
        Assert.DoesNotContain("200~", echo, StringComparison.Ordinal);
        Assert.DoesNotContain("201~", echo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAPaste_TypedKeysAndEnterWorkAsBefore()
    {
        (string? line, _) = await TypeAsync(Pasted("olá\r").Concat("mundo".Select(Char)).Append(Enter));

        Assert.Equal("olá\nmundo", line);
    }

    [Fact]
    public async Task Backspace_TakesBackAPastedLineBreak()
    {
        (string? line, string echo) = await TypeAsync(Pasted("um\rdois").Concat(Enumerable.Repeat(Backspace, 5)).Append(Enter));

        Assert.Equal("um", line);
        Assert.Contains("\b \b", echo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEscapeThatStartsNoPaste_LosesNoTypedText()
    {
        (string? line, _) = await TypeAsync(new[] { Escape }.Concat("[2x ok".Select(Char)).Append(Enter));

        Assert.Equal("[2x ok", line);
    }

    [Fact]
    public async Task AnswersTypedAhead_AreShownAfterTheirPrompts_InOrder()
    {
        var keys = new Queue<ConsoleKeyInfo>([.. "1".Select(Char), Enter, .. "#general".Select(Char), Enter, .. "ol".Select(Char)]);
        var allRead = new TaskCompletionSource();
        using var bytes = new MemoryStream();
        await using var stdout = new StreamWriter(bytes, new UTF8Encoding(false));
        var console = new MenuConsole(TextReader.Null, stdout, () =>
        {
            if (keys.TryDequeue(out ConsoleKeyInfo key))
            {
                return key;
            }
            allRead.TrySetResult();
            return WaitForever();
        });
        // Everything was typed before the menu asked anything (a fast typist over a slow link).
        await allRead.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("1", await console.PromptAsync("choice> ").WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("#general", await console.PromptAsync("room> ").WaitAsync(TimeSpan.FromSeconds(30)));
        _ = console.PromptAsync("text> ");
        await stdout.FlushAsync();

        string nl = Environment.NewLine;
        Assert.Equal($"\u001b[?2004hchoice> 1{nl}room> #general{nl}text> ol", Encoding.UTF8.GetString(bytes.ToArray()));
    }

    [Fact]
    public async Task ALinePrintedAboveThePrompt_RedrawsItAsItIsNow_WithTheHalfTypedText()
    {
        var keys = new Queue<ConsoleKeyInfo>("olá".Select(Char));
        var typed = new TaskCompletionSource();
        var output = new StringWriter();
        var console = new MenuConsole(TextReader.Null, output, () =>
        {
            if (keys.TryDequeue(out ConsoleKeyInfo key))
            {
                return key;
            }
            typed.TrySetResult();
            return WaitForever();
        });
        string current = "choice> ";
        _ = console.PromptAsync(() => current);
        await typed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The first join selects #general while the user reads the menu: the prompt names it from then on.
        current = "[#general] choice> ";
        console.WriteLine("[#general] 18:33 * you joined #general");

        Assert.EndsWith($"[#general] 18:33 * you joined #general{Environment.NewLine}[#general] choice> olá", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnterAfterALoneEscape_StillSendsTheLine()
    {
        (string? line, _) = await TypeAsync("ok".Select(Char).Append(Escape).Append(Char('[')).Append(Enter));

        Assert.Equal("ok[", line);
    }

    [Fact]
    public void AConsoleInATerminal_TurnsBracketedPasteOn_AndOffWhenDisposed()
    {
        var output = new StringWriter();
        using (new MenuConsole(TextReader.Null, output, WaitForever))
        {
            Assert.Equal("\u001b[?2004h", output.ToString());
        }
        Assert.Equal("\u001b[?2004h\u001b[?2004l", output.ToString());
    }

    [Fact]
    public void AConsoleOnAPipe_WritesNoTerminalControl()
    {
        var output = new StringWriter();
        using (new MenuConsole(new StringReader(""), output))
        {
        }
        Assert.Equal("", output.ToString());
    }
}
