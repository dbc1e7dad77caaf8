package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import java.util.Date;
import java.util.List;

/** Sends one text message to a unit's group robot, mentioning people by mobile number. */
interface RobotSender {

  NoticeChannel channel();

  /** @param now the time the message is signed with, where the robot wants one */
  void send(Robot robot, String text, List<String> mobiles, Date now) throws DeliveryFailure;
}
