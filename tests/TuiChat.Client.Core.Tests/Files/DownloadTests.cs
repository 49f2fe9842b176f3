using System.Security.Cryptography;
using System.Text;
using NSubstitute;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Files;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Files;

public sealed class DownloadTests : IDisposable
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("the file's bytes");
    private static readonly string ContentSha = Convert.ToHexStringLower(SHA256.HashData(Content));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tuichat-dl-" + Guid.NewGuid().ToString("N"));
    private readonly IChatRequests _server = Substitute.For<IChatRequests>();

    public DownloadTests() => ServeFile(Content, "report.pdf", ContentSha);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The fake connection writes <paramref name="bytes"/> and announces <paramref name="sha"/>.</summary>
    private void ServeFile(byte[] bytes, string name, string sha) =>
        _server.DownloadFileAsync(default!, default!, default, default).ReturnsForAnyArgs(async call =>
        {
            await call.Arg<Stream>().WriteAsync(bytes);
            return new FileGetOk { Re = "1", FileId = call.Arg<string>(), Name = name, Size = bytes.Length, Sha256 = sha };
        });

    private static FileOffer Offer(string name, string to = "alice", string sha = "") =>
        new("f1", "bob", to, name, Content.Length, sha.Length == 0 ? ContentSha : sha);

    private Task<string> Download(FileOffer? offer, string? requested = null) =>
        new FileDownloader(_server, _folder).DownloadAsync("f1", offer, requested);

    private string[] FilesInFolder() => Directory.GetFiles(_folder).Select(Path.GetFileName).ToArray()!;

    [Fact]
    public async Task DirectFile_IsSavedAsSender_Name_WithItsBytes()
    {
        string path = await Download(Offer("report.pdf"));

        Assert.Equal(Path.Combine(Path.GetFullPath(_folder), "bob_report.pdf"), path);
        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
    }

    [Theory]
    [InlineData("#general", "general_bob_report.pdf")]
    [InlineData("+team", "team_bob_report.pdf")]
    public async Task RoomOrGroupFile_IsSavedAsRoom_Sender_Name(string room, string expected)
    {
        string path = await Download(Offer("report.pdf", room));
        Assert.Equal(expected, Path.GetFileName(path));
    }

    [Fact]
    public async Task ExistingFile_IsNeverOverwritten_ASuffixIsAdded()
    {
        string first = await Download(Offer("report.pdf"));
        string second = await Download(Offer("report.pdf"));
        string third = await Download(Offer("report.pdf"));

        Assert.Equal(["bob_report(1).pdf", "bob_report(2).pdf"], new[] { second, third }.Select(Path.GetFileName));
        Assert.Equal(3, FilesInFolder().Length);
        Assert.Equal(Content, await File.ReadAllBytesAsync(first));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\x", "x")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("a/b", "b")]
    [InlineData("/etc/shadow", "shadow")]
    [InlineData("C:\\Windows\\win.ini", "win.ini")]
    [InlineData("bad\u001bname?.txt", "bad_name_.txt")]
    public async Task RequestedName_StaysInsideTheFolder(string requested, string expected)
    {
        string path = await Download(Offer("report.pdf"), requested);

        Assert.Equal(Path.GetFullPath(_folder), Path.GetDirectoryName(path));
        Assert.Equal(expected, Path.GetFileName(path));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("...")]
    public async Task RequestedName_WithNothingUsable_IsRefusedAndNothingIsFetched(string requested)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Download(Offer("report.pdf"), requested));
        await _server.DidNotReceiveWithAnyArgs().DownloadFileAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task OfferedNameWithAPath_StaysInsideTheFolder()
    {
        string path = await Download(Offer("../../../.ssh/authorized_keys"));

        Assert.Equal(Path.GetFullPath(_folder), Path.GetDirectoryName(path));
        Assert.Equal("bob_authorized_keys", Path.GetFileName(path));
    }

    [Fact]
    public async Task HashMismatch_KeepsNoFile()
    {
        ServeFile(Encoding.UTF8.GetBytes("tampered bytes!!"), "report.pdf", ContentSha);

        var error = await Assert.ThrowsAsync<ChatRequestException>(() => Download(Offer("report.pdf")));

        Assert.Equal(ChatRequestException.HashMismatch, error.Code);
        Assert.Empty(FilesInFolder());
    }

    [Fact]
    public async Task OfferHashDifferentFromTheServersAnswer_KeepsNoFile()
    {
        var error = await Assert.ThrowsAsync<ChatRequestException>(() => Download(Offer("report.pdf", sha: new string('0', 64))));

        Assert.Equal(ChatRequestException.HashMismatch, error.Code);
        Assert.Empty(FilesInFolder());
    }

    [Fact]
    public async Task SaveCommand_DownloadsTheOfferedFileIntoTheDownloadsFolder()
    {
        using var f = new ChatFixture(_folder);
        _ = f.Joined("#general");
        f.Raise(new FileEvent { FileId = "f1", From = "bob", To = "#general", Name = "notes.txt", Size = Content.Length, Sha256 = ContentSha, Ts = ChatFixture.Ts });
        f.Server.DownloadFileAsync(default!, default!, default, default).ReturnsForAnyArgs(async call =>
        {
            await call.Arg<Stream>().WriteAsync(Content);
            return new FileGetOk { Re = "1", FileId = "f1", Name = "notes.txt", Size = Content.Length, Sha256 = ContentSha };
        });

        await f.Chat.ExecuteAsync("/save f1");

        Assert.Equal(["general_bob_notes.txt"], FilesInFolder());
        Assert.StartsWith("saved f1 to ", f.Added.Last().Line.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveCommandWithoutId_SavesTheNewestOfferOfTheSelectedConversation()
    {
        using var f = new ChatFixture(_folder);
        _ = f.Joined("#general");
        f.Raise(new FileEvent { FileId = "old", From = "bob", To = "#general", Name = "old.txt", Size = 1, Sha256 = new string('1', 64), Ts = ChatFixture.Ts });
        f.Raise(new FileEvent { FileId = "f1", From = "bob", To = "#general", Name = "notes.txt", Size = Content.Length, Sha256 = ContentSha, Ts = ChatFixture.Ts });
        f.Server.DownloadFileAsync("f1", default!, default, default).ReturnsForAnyArgs(async call =>
        {
            await call.Arg<Stream>().WriteAsync(Content);
            return new FileGetOk { Re = "1", FileId = "f1", Name = "notes.txt", Size = Content.Length, Sha256 = ContentSha };
        });

        await f.Chat.ExecuteAsync("/save");

        await f.Server.Received(1).DownloadFileAsync("f1", Arg.Any<Stream>(), Arg.Any<IProgress<TransferProgress>?>(), Arg.Any<CancellationToken>());
        Assert.Equal(["general_bob_notes.txt"], FilesInFolder());
    }

    [Fact]
    public async Task SaveCommandWithoutId_WhereNothingWasOffered_SaysSo()
    {
        using var f = new ChatFixture(_folder);
        _ = f.Joined("#general");

        await f.Chat.ExecuteAsync("/save");

        Assert.Equal("error: no file has been offered in this conversation", f.Added.Last().Line.Text);
        await f.Server.DidNotReceiveWithAnyArgs().DownloadFileAsync(default!, default!, default, default);
    }
}
