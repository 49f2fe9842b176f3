using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace TuiChat.Client.Tests.Menu;

/// <summary>End-to-end encrypted direct messages between two registered menu clients and the real server.</summary>
public sealed partial class MenuEndToEndTests
{
    private Task<ConsoleProcess> StartAccountAsync(int port, string user, bool register) =>
        StartMenuClientAsync(port, user, new Dictionary<string, string> { ["PW"] = user + "-password-123" },
            register ? ["--password-env", "PW", "--register"] : ["--password-env", "PW"]);

    [Fact]
    public async Task EncryptedMessageAndFile_Arrive_TheServerStoresNeither_AndAKeyChangeBlocksSendingUntilTrust()
    {
        int port = await StartServerAsync();
        ConsoleProcess alice = await StartAccountAsync(port, "alice", register: true);
        ConsoleProcess bob = await StartAccountAsync(port, "bob", register: true);
        await alice.WaitForAsync("made your end-to-end identity key");
        await bob.WaitForAsync("made your end-to-end identity key");

        const string secret = "the ship sails at dawn, não conte a ninguém 🤫";
        alice.Send("/msg bob " + secret);
        await bob.WaitForAsync($@"\[@alice\] \d\d:\d\d alice: {Regex.Escape(secret)}$");
        await alice.WaitForAsync($@"\[@bob\] \d\d:\d\d alice: {Regex.Escape(secret)}$");

        byte[] content = RandomNumberGenerator.GetBytes(150_000);
        string source = Path.Combine(_folder, "plans.bin");
        await File.WriteAllBytesAsync(source, content);
        alice.Send("/msg bob file coming");
        await bob.WaitForAsync(@"alice: file coming$");
        alice.Send("5");
        alice.Send("bob");
        alice.Send(source);
        var offer = await bob.WaitForAsync(@"\[@alice\] \d\d:\d\d alice sent plans\.bin \(146\.5 KB\) · /save (\S+)$");
        bob.Send("/save " + offer.Groups[1].Value);
        var saved = await bob.WaitForAsync(@"saved \S+ to (.+) \(decrypted; SHA-256 checked\)$");
        Assert.Equal(content, await File.ReadAllBytesAsync(saved.Groups[1].Value));

        // Both sides print the same safety number.
        alice.Send("/verify bob");
        bob.Send("/verify alice");
        string aliceNumber = (await alice.WaitForAsync(@"safety number with bob: ((\d{5} ){11}\d{5})$")).Groups[1].Value;
        string bobNumber = (await bob.WaitForAsync(@"safety number with alice: ((\d{5} ){11}\d{5})$")).Groups[1].Value;
        Assert.Equal(aliceNumber, bobNumber);

        // What the operator has: the database, the stored files and the log. None holds the text or the file.
        await AssertServerHoldsNeitherAsync(Encoding.UTF8.GetBytes("the ship sails"), content.AsMemory(1000, 64).ToArray());

        // bob loses his key file and logs in again: a new identity.
        bob.CloseInput();
        Assert.Equal(0, await bob.WaitForExitAsync());
        Directory.Delete(DataHome("bob"), recursive: true);
        bob = await StartAccountAsync(port, "bob", register: false);
        await bob.WaitForAsync("made your end-to-end identity key");

        alice.Send("/msg bob are you still you?");
        await alice.WaitForAsync(@"!! ⚠ bob's encryption key CHANGED.*Nothing was sent\.$");
        alice.Send("/verify bob");
        bob.Send("/verify alice");
        await alice.WaitForAsync(@"this is for bob's NEW key");
        alice.Send("/trust bob");
        await alice.WaitForAsync("you accepted bob's new key");
        alice.Send("/msg bob welcome back");
        await bob.WaitForAsync(@"\[@alice\] \d\d:\d\d alice: welcome back$");
        Assert.Equal(0, bob.Count("are you still you"));

        alice.CloseInput();
        bob.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
        Assert.Equal(0, await bob.WaitForExitAsync());
    }

    private async Task AssertServerHoldsNeitherAsync(params byte[][] secrets)
    {
        string[] files = [.. Directory.GetFiles(Path.Combine(_folder, "data"), "*", SearchOption.AllDirectories),
            .. Directory.GetFiles(Path.Combine(_folder, "logs"), "*", SearchOption.AllDirectories)];
        Assert.Contains(files, f => f.EndsWith("tuichat.db", StringComparison.Ordinal));
        foreach (string file in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
            }
            foreach (byte[] secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(secret) < 0, $"{file} holds plaintext");
            }
        }
    }
}
