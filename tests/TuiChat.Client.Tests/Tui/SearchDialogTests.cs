using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Client.Tui;

namespace TuiChat.Client.Tests.Tui;

/// <summary>The /search results list on the virtual driver: how many rows it shows, and what Enter opens.</summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class SearchDialogTests
{
    private static List<SearchHit> Hits(int count) =>
        Enumerable.Range(1, count)
            .Select(i => new SearchHit("#general", ConversationKind.Room, i, $"#general 2026-12-01 10:{i:00} alice: coração {i}"))
            .ToList();

    /// <summary>Runs the dialog modally; <paramref name="onShown"/> gets the screen on its first turn and may press keys.</summary>
    private static SearchHit? Show(HeadlessChat chat, List<SearchHit> hits, Action<string> onShown, params Key[] keys)
    {
        bool shown = false;
        chat.App.Iteration += (_, _) =>
        {
            if (chat.App.TopRunnableView is SearchDialog && !shown)
            {
                shown = true;
                chat.App.LayoutAndDraw(true);
                onShown(chat.Screen());
                foreach (Key key in keys)
                {
                    chat.App.InjectKey(key);
                }
                if (keys.Length == 0)
                {
                    chat.App.RequestStop();
                }
            }
        };
        return SearchDialog.Choose(chat.App, hits);
    }

    [Theory]
    [InlineData(140, 40)]
    [InlineData(80, 24)]
    public void FourResults_ShowAsFourRows(int width, int height)
    {
        using var chat = new HeadlessChat(width, height);

        Show(chat, Hits(4), screen =>
        {
            for (int i = 1; i <= 4; i++)
            {
                Assert.Contains($"coração {i}", screen);
            }
        });
    }

    [Theory]
    [InlineData(140, 40)]
    [InlineData(80, 24)]
    public void ManyResults_ShowAsManyAsFitIn80PercentOfTheScreen_AndDownReachesTheLast(int width, int height)
    {
        using var chat = new HeadlessChat(width, height);
        string? first = null;

        SearchHit? chosen = Show(chat, Hits(30), screen => first = screen,
            Enumerable.Repeat(Key.CursorDown, 29).Append(Key.Enter).ToArray());

        int rows = first!.Split('\n').Count(row => row.Contains("coração", StringComparison.Ordinal));
        // The frame and its title take 2 of the dialog's rows.
        Assert.Equal(height * 80 / 100 - 2, rows);
        Assert.Equal(30, chosen?.MsgId);
    }
}
