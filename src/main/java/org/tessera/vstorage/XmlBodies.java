package org.tessera.vstorage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the small XML bodies of bucket requests (CreateBucketConfiguration, Delete)
 * safely: at most {@value #MAXIMUM_BYTES} bytes, no DOCTYPE (so no entity expansion and
 * no external entities), and to the body's end, where its signature checks run.
 */
final class XmlBodies {

	static final int MAXIMUM_BYTES = 1024 * 1024;

	private XmlBodies() {
	}

	/** The whole body, at most {@value #MAXIMUM_BYTES} bytes. */
	static byte[] read(InputStream body) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while ((n = body.read(buffer)) >= 0) {
			if (bytes.size() + n > MAXIMUM_BYTES) {
				throw new S3Exception("MaxMessageLengthExceeded", 400, "Your request was too big.");
			}
			bytes.write(buffer, 0, n);
		}
		return bytes.toByteArray();
	}

	/**
	 * @throws S3Exception MalformedXML when the bytes are not well-formed XML
	 */
	static Document parse(byte[] xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setExpandEntityReferences(false);
			factory.setXIncludeAware(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(new DefaultHandler());
			return builder.parse(new ByteArrayInputStream(xml));
		}
		catch (ParserConfigurationException | SAXException | IOException ex) {
			throw S3Exception.malformedXml();
		}
	}

}
