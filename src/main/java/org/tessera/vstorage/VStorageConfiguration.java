package org.tessera.vstorage;

import java.time.Clock;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.tessera.enforcement.sigv4.SigV4PolicyAuthorizer;
import org.tessera.enforcement.sigv4.SigV4Verifier;
import org.tessera.enforcement.sigv4.SigningKeyClient;

/**
 * Wires vStorage: the signing-key client of Tessera, the SigV4 verifier and policy
 * authorizer of the enforcement artifact, the on-disk store, and {@link S3RequestFilter}
 * in front of every path; and makes Tomcat pass an encoded {@code /} in a key through and
 * answer its own refusals in S3's XML ({@link S3ErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VStorageProperties.class)
class VStorageConfiguration {

	/** The user name of vStorage's Basic credential at Tessera. */
	static final String SERVICE_NAME = "vstorage";

	@Bean
	SigningKeyClient signingKeyClient(VStorageProperties properties) {
		return new SigningKeyClient(properties.issuer(), SERVICE_NAME, properties.serviceSecret(),
				properties.signingKeyTimeout());
	}

	@Bean
	SigV4Verifier sigV4Verifier(SigningKeyClient signingKeys) {
		return new SigV4Verifier(signingKeys, Clock.systemUTC());
	}

	@Bean
	SigV4PolicyAuthorizer sigV4PolicyAuthorizer() {
		return new SigV4PolicyAuthorizer();
	}

	@Bean
	BucketStore bucketStore(VStorageProperties properties) {
		return new BucketStore(properties.dataDirectory(), properties.maxObjectSize().toBytes());
	}

	@Bean
	FilterRegistrationBean<S3RequestFilter> s3RequestFilter(SigV4Verifier verifier, BucketStore store,
			SigV4PolicyAuthorizer authorizer) {
		FilterRegistrationBean<S3RequestFilter> registration = new FilterRegistrationBean<>(new S3RequestFilter(
				verifier, new BucketOperations(store, authorizer), new ObjectOperations(store, authorizer)));
		registration.addUrlPatterns("/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> s3Tomcat() {
		return (factory) -> {
			factory.addConnectorCustomizers((connector) -> {
				connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
				connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
			});
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(S3ErrorReportValve.class.getName());
					host.getPipeline().addValve(new S3ErrorReportValve());
				}
			});
		};
	}

}
