using System.Security.Cryptography;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Files;

/// <summary>
/// Downloads a file into the downloads folder: first into a hidden temporary file there, then,
/// once its SHA-256 matches what the server announced, under its final name (never over an
/// existing file). A file that fails the check is deleted, never kept.
/// </summary>
public sealed class FileDownloader(IChatRequests server, string downloadsFolder)
{
    private const int MaxRenameAttempts = 100;

    /// <summary>Returns the full path of the saved file.</summary>
    public async Task<string> DownloadAsync(string fileId, FileOffer? offer, string? requestedName,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        // Refuse a bad requested name before any byte is fetched.
        string? chosen = requestedName is null ? null : DownloadNames.Sanitize(requestedName);
        string root = Path.GetFullPath(downloadsFolder);
        Directory.CreateDirectory(root);
        string temp = Path.Combine(root, ".part-" + Guid.NewGuid().ToString("N"));
        try
        {
            FileGetOk info;
            using (var incrementalHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    var hashing = new HashingWriteStream(file, incrementalHash);
                    await using (hashing.ConfigureAwait(false))
                    {
                        info = await server.DownloadFileAsync(fileId, hashing, progress, cancellationToken).ConfigureAwait(false);
                    }
                }
                string actual = Convert.ToHexStringLower(incrementalHash.GetHashAndReset());
                string expected = offer?.Sha256 ?? info.Sha256;
                if (!string.Equals(actual, info.Sha256, StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ChatRequestException(ChatRequestException.HashMismatch,
                        $"the download of {fileId} is damaged (SHA-256 mismatch); nothing was saved");
                }
            }

            string name = chosen ?? (offer is null ? DownloadNames.Sanitize(info.Name) : DownloadNames.DefaultName(offer));
            return MoveToFreeName(temp, root, name);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Moves without overwriting; if another writer takes the name first, tries the next suffix.</summary>
    private static string MoveToFreeName(string temp, string root, string name)
    {
        for (int attempt = 0; ; attempt++)
        {
            string target = DownloadNames.FreePath(root, name);
            try
            {
                File.Move(temp, target, overwrite: false);
                return target;
            }
            catch (IOException) when (attempt < MaxRenameAttempts && File.Exists(target))
            {
                // Lost a race for this name; FreePath will pick the next one.
            }
        }
    }
}
