using System.Text;
using TuiChat.Client.Menu;

namespace TuiChat.Client.Tests.Menu;

/// <summary>The menu client's own echo of keys typed in a terminal, as bytes on a UTF-8 stdout.</summary>
public sealed class MenuConsoleTests
{
    private static ConsoleKeyInfo Char(char c) => new(c, ConsoleKey.NoName, false, false, false);

    private static readonly ConsoleKeyInfo Backspace = new('\b', ConsoleKey.Backspace, false, false, false);
    private static readonly ConsoleKeyInfo Enter = new('\r', ConsoleKey.Enter, false, false, false);

    /// <summary>Types <paramref name="keys"/> into a console over a UTF-8 stream; returns the line read and what was echoed.</summary>
    private static async Task<(string? Line, string Echo)> TypeAsync(IEnumerable<ConsoleKeyInfo> keys)
    {
        var queue = new Queue<ConsoleKeyInfo>(keys);
        using var bytes = new MemoryStream();
        await using var stdout = new StreamWriter(bytes, new UTF8Encoding(false));
        // Console.ReadKey blocks once the keys run out; the reader thread then waits for ever (it is a background thread).
        var console = new MenuConsole(TextReader.Null, stdout, () => queue.TryDequeue(out ConsoleKeyInfo key) ? key : WaitForever());
        string? line = await console.PromptAsync("> ").WaitAsync(TimeSpan.FromSeconds(30));
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
}
