package org.tessera.vserver.servers;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets {@link ServersController}'s handlers take a {@link ServerPath}. */
@Configuration(proxyBeanMethods = false)
public class ServersWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ServerPathArgumentResolver());
	}

}
