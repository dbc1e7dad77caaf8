package cn.zhenggai.rectification.bench;

import cn.zhenggai.rectification.FreePort;
import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;

/**
 * GreenMail as the benchmark's local SMTP server, delivering every mail into one {@link CountingMailbox}. Its client
 * sockets get TCP_NODELAY: GreenMail writes each line of its EHLO answer separately, and with Nagle's algorithm every
 * connection then waited about 40 ms for a delayed ACK (measured here: 50 ms per mail instead of 10), a limit of the
 * test server that a real mail server, which answers in one segment, does not have.
 */
final class LocalSmtpServer extends GreenMail {

  private final CountingMailbox mailbox = new CountingMailbox();

  LocalSmtpServer() {
    super(new ServerSetup(FreePort.next(), "localhost", ServerSetup.PROTOCOL_SMTP));
    getUserManager().setMessageDeliveryHandler((message, address) -> mailbox);
  }

  CountingMailbox mailbox() {
    return mailbox;
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
    return Map.of(ServerSetup.PROTOCOL_SMTP, new SmtpServer(config[0], managers) {
      @Override
      protected void handleClientSocket(Socket client) throws SocketException {
        client.setTcpNoDelay(true);
        super.handleClientSocket(client);
      }
    });
  }

}
