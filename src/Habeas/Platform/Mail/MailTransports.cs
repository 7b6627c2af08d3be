using System.Net;
using System.Net.Mail;
using System.Text;

namespace Habeas.Platform.Mail;

/// <summary>Hands one message to the outside world; returns when it has been accepted, throws when not.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The default: one .eml file per message in the drop folder, written under a temporary name and renamed, named by
/// the message's id, so a retry replaces the file instead of adding a second one.
/// </summary>
public sealed class FileDropTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folder = options.Folder!;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{message.Id:N}.eml");
        var temporary = path + ".tmp";
        await using (
            var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous)
        )
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(Mime(message, options.From)), cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The message as RFC 5322 text: UTF-8 headers encoded (RFC 2047), the body in base64.</summary>
    public static string Mime(OutboxMessage message, string from)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        text.Append("From: ").Append(from).Append("\r\n");
        text.Append("To: ").Append(message.ToAddress).Append("\r\n");
        text.Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Subject))).Append("?=\r\n");
        text.Append("Date: ").Append(message.CreatedAt.ToString("r", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        text.Append("Message-ID: ").Append(message.MessageId).Append("\r\n");
        text.Append("Content-Language: ").Append(message.Language).Append("\r\n");
        text.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        text.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Body), Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
        return text.ToString();
    }
}

/// <summary>SMTP through the framework's client (MailKit is not available here): STARTTLS and a login when configured.</summary>
public sealed class SmtpTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient(options.Host, options.Port)
        {
            EnableSsl = options.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)options.SendTimeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(options.User))
        {
            client.Credentials = new NetworkCredential(options.User, options.Password);
        }
        using var mail = new MailMessage(options.From, message.ToAddress)
        {
            Subject = message.Subject,
            Body = message.Body,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("Message-ID", message.MessageId);
        mail.Headers.Add("Content-Language", message.Language);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.SendTimeout);
        await client.SendMailAsync(mail, timeout.Token);
    }
}
