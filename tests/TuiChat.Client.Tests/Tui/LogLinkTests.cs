using System.Text;
using System.Text.RegularExpressions;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// Web addresses in the log as the terminal receives them: the OSC 8 hyperlinks in the driver's
/// ANSI output of the whole screen (what it writes to a real terminal), not the screen text.
/// </summary>
[Collection(TerminalGuiSerial.Name)]
public sealed partial class LogLinkTests
{
    private const string Url = "https://example.com/releases/2026/tuichat-client-notes-for-people-who-read-them.html?section=links#wrap";

    [Theory]
    [InlineData(80, 24)]
    [InlineData(140, 40)]
    public void AWrappedAddress_IsOneLinkToItsWholeTarget_AndNoPaneBorderIsPartOfIt(int width, int height)
    {
        using var chat = new HeadlessChat(width, height);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });

        chat.Receive(new ChatMessage { MsgId = 7, Ts = "2026-01-01T10:02:00.000Z", From = "bob", To = "#general", Text = "notes: " + Url + " (read them)" });

        List<(string Target, string Text)> links = Links(chat.App.Driver!.ToAnsi());
        Assert.True(links.Count >= 2, "the address wraps onto a second row at this width: " + string.Join(" | ", links));
        Assert.All(links, link => Assert.Equal(Url, link.Target));
        Assert.All(links, link => Assert.DoesNotContain('│', link.Text));
        Assert.Equal(Url, string.Concat(links.Select(link => link.Text.Trim())));
    }

    [Fact]
    public void TextWithoutAnAddress_HasNoLink()
    {
        using var chat = new HeadlessChat(80, 24);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });

        chat.Receive(new ChatMessage { MsgId = 7, Ts = "2026-01-01T10:02:00.000Z", From = "bob", To = "#general", Text = "see example.com or ftp:// later" });

        Assert.Empty(Links(chat.App.Driver!.ToAnsi()));
    }

    /// <summary>Each OSC 8 link in <paramref name="ansi"/>: its target and the text shown inside it (other escape sequences left out).</summary>
    private static List<(string Target, string Text)> Links(string ansi)
    {
        var links = new List<(string, string)>();
        string? target = null;
        var text = new StringBuilder();
        int i = 0;
        while (i < ansi.Length)
        {
            Match osc = Osc8().Match(ansi, i);
            if (osc.Success && osc.Index == i)
            {
                if (target is not null)
                {
                    links.Add((target, text.ToString()));
                }
                target = osc.Groups["url"].Value.Length > 0 ? osc.Groups["url"].Value : null;
                text.Clear();
                i += osc.Length;
                continue;
            }
            Match csi = Csi().Match(ansi, i);
            if (csi.Success && csi.Index == i)
            {
                i += csi.Length;
                continue;
            }
            text.Append(ansi[i]);
            i++;
        }
        if (target is not null)
        {
            links.Add((target, text.ToString()));
        }
        return links;
    }

    [GeneratedRegex(@"\u001b\]8;[^;\u001b\u0007]*;(?<url>[^\u001b\u0007]*)(\u001b\\|\u0007)")]
    private static partial Regex Osc8();

    [GeneratedRegex(@"\u001b\[[0-9;?<>]*[@-~]")]
    private static partial Regex Csi();
}
