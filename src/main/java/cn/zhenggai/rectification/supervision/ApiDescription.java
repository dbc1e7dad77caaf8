package cn.zhenggai.rectification.supervision;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What /v3/api-docs says about the API as a whole: how cases are named. */
@Configuration
class ApiDescription {

  @Bean
  OpenAPI rectificationApi() {
    return new OpenAPI().info(new Info()
        .title("整改台账 API")
        .description("""
            案件键：每个整改批次（述职评议、巡察反馈、审计整改、专项督查）各自给问题编号，两个批次可以都有问题 1.1，\
            所以问题的案件键是 `<批次代码>/<问题编号>`（如 `2022-SZPY/1.1`），单位整改的是 `<批次代码>/<问题编号>/<单位 ID>`\
            （如 `2022-SZPY/1.1/street-chengguan`）；它们也是 Camunda 流程实例的业务键。\
            问题的地址是 `/api/cases/{批次代码}/{问题编号}`。用 HTTP Basic 或登录后的会话访问；每人只看到有权看到的部分。""")
        .version("1"));
  }
}
